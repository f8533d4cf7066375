"""The textbook recursive find with path compression, but union links a's root under b's without sizes.

Right answers on small inputs; on a chain thousands of unions long, find recurses once per level and
overflows Python's stack (RecursionError) before it gets to compress anything.
"""

from __future__ import annotations

EXPECT = "test_find_copes_with_a_chain_thousands_deep"


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
        if self._parent[x] != x:
            self._parent[x] = self.find(self._parent[x])
        return self._parent[x]

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
        if a not in self._parent or b not in self._parent:
            return False
        return self.find(a) == self.find(b)

    def size(self, x):
        return self._size[self.find(x)]

    @property
    def components(self):
        return self._components

    def __len__(self):
        return len(self._parent)

    def __contains__(self, x):
        return x in self._parent
