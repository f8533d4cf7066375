"""An array-based union-find behind a dict of indices, and find() returns the root's index, not an element.

Two elements are still connected exactly when their indices' roots agree, but a representative must be
an element of the structure: uf.find("ann") can never be 0.
"""

from __future__ import annotations

EXPECT = "test_find_returns_an_element_of_the_same_component"


class UnionFind:
    def __init__(self, elements=()):
        self._index = {}
        self._parent = []
        self._size = []
        self._components = 0
        for x in elements:
            self.add(x)

    def add(self, x):
        if x not in self._index:
            self._index[x] = len(self._parent)
            self._parent.append(len(self._parent))
            self._size.append(1)
            self._components += 1

    def _root(self, i):
        parent = self._parent
        root = i
        while parent[root] != root:
            root = parent[root]
        while parent[i] != root:
            parent[i], i = root, parent[i]
        return root

    def find(self, x):
        return self._root(self._index[x])

    def union(self, a, b):
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self._size[ra] < self._size[rb]:
            ra, rb = rb, ra
        self._parent[rb] = ra
        self._size[ra] += self._size[rb]
        self._components -= 1
        return True

    def connected(self, a, b):
        if a not in self._index or b not in self._index:
            return False
        return self.find(a) == self.find(b)

    def size(self, x):
        return self._size[self.find(x)]

    @property
    def components(self):
        return self._components

    def __len__(self):
        return len(self._index)

    def __contains__(self, x):
        return x in self._index
SAYS = ["not an index"]
