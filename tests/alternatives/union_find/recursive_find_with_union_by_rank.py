"""Correct: the textbook (CLRS) recursive find with path compression, plus union by rank.

Union by rank keeps every tree at most log2(n) deep, so the recursion stays shallow even on the
long-chain workloads: a recursive find is fine as long as the trees cannot become chains.
"""


class UnionFind:
    def __init__(self, elements=()):
        self.parent = {}
        self.rank = {}
        self.sizes = {}
        self.count = 0
        for x in elements:
            self.add(x)

    def add(self, x):
        if x not in self.parent:
            self.parent[x] = x
            self.rank[x] = 0
            self.sizes[x] = 1
            self.count += 1

    def find(self, x):
        if self.parent[x] != x:
            self.parent[x] = self.find(self.parent[x])
        return self.parent[x]

    def union(self, a, b):
        self.add(a)
        self.add(b)
        x, y = self.find(a), self.find(b)
        if x == y:
            return False
        if self.rank[x] > self.rank[y]:
            x, y = y, x
        self.parent[x] = y
        self.sizes[y] += self.sizes[x]
        if self.rank[x] == self.rank[y]:
            self.rank[y] += 1
        self.count -= 1
        return True

    def connected(self, a, b):
        return a in self.parent and b in self.parent and self.find(a) == self.find(b)

    def size(self, x):
        return self.sizes[self.find(x)]

    @property
    def components(self):
        return self.count

    def __len__(self):
        return len(self.parent)

    def __contains__(self, x):
        return x in self.parent
