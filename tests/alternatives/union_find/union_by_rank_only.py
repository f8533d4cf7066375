"""Correct: union by rank and no path compression. Trees stay at most log2(n) deep, so finds are O(log n).

Sizes are counted separately from ranks; parallel lists behind an index dict, as in many textbooks.
"""


class UnionFind:
    def __init__(self, elements=()):
        self._index = {}
        self._items = []
        self._parent = []
        self._rank = []
        self._count = []
        self._sets = 0
        for x in elements:
            self.add(x)

    def add(self, x):
        if x in self._index:
            return
        i = len(self._items)
        self._index[x] = i
        self._items.append(x)
        self._parent.append(i)
        self._rank.append(0)
        self._count.append(1)
        self._sets += 1

    def _root(self, i):
        parent = self._parent
        while parent[i] != i:
            i = parent[i]
        return i

    def find(self, x):
        return self._items[self._root(self._index[x])]

    def union(self, a, b):
        self.add(a)
        self.add(b)
        ra, rb = self._root(self._index[a]), self._root(self._index[b])
        if ra == rb:
            return False
        if self._rank[ra] < self._rank[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        if self._rank[ra] == self._rank[rb]:
            self._rank[ra] += 1
        self._count[ra] += self._count[rb]
        self._sets -= 1
        return True

    def connected(self, a, b):
        if a not in self._index or b not in self._index:
            return False
        return self._root(self._index[a]) == self._root(self._index[b])

    def size(self, x):
        return self._count[self._root(self._index[x])]

    @property
    def components(self):
        return self._sets

    def __len__(self):
        return len(self._items)

    def __contains__(self, x):
        return x in self._index
