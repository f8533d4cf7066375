"""Correct: path halving (each node on the way points at its grandparent) with union by size. One pass."""

from __future__ import annotations


class UnionFind:
    def __init__(self, elements=()):
        self._parent = {}
        self._size = {}
        for x in elements:
            self.add(x)

    def add(self, x):
        if x not in self._parent:
            self._parent[x] = x
            self._size[x] = 1

    def find(self, x):
        if x not in self._parent:
            raise KeyError(x)
        parent = self._parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a, b):
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size.pop(rb)
        return True

    def connected(self, a, b):
        if a in self._parent and b in self._parent:
            return self.find(a) == self.find(b)
        return False

    def size(self, x):
        return self._size[self.find(x)]

    @property
    def components(self):
        # Only roots keep a size entry.
        return len(self._size)

    def __len__(self):
        return len(self._parent)

    def __contains__(self, x):
        return x in self._parent
