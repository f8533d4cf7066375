"""Correct: full path compression (iterative) and naive linking, no sizes or ranks. O(log n) amortized.

The speed check must pass it: one of the two classic tricks is enough to avoid O(n) finds.
"""


class UnionFind:
    def __init__(self, elements=()):
        self._parent = {}
        self._size = {}
        self._components = 0
        for x in elements:
            self.add(x)

    def add(self, x):
        if x not in self._parent:
            self._parent[x] = x
            self._size[x] = 1
            self._components += 1

    def find(self, x):
        parent = self._parent
        path = []
        while parent[x] != x:
            path.append(x)
            x = parent[x]
        for node in path:
            parent[node] = x
        return x

    def union(self, a, b):
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self._parent[ra] = rb
        self._size[rb] += self._size.pop(ra)
        self._components -= 1
        return True

    def connected(self, a, b):
        return a in self._parent and b in self._parent and self.find(a) == self.find(b)

    def size(self, x):
        return self._size[self.find(x)]

    @property
    def components(self):
        return self._components

    def __len__(self):
        return len(self._parent)

    def __contains__(self, x):
        return x in self._parent
