"""Correct answers, but find never compresses paths and union always links a's root under b's.

Unions done in the right order build a chain, and every find walks all of it: O(n) per find.
"""

from __future__ import annotations

EXPECT = "test_operations_stay_near_constant_time_on_adversarial_unions"


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
        root = parent[x]
        while parent[root] != root:
            root = parent[root]
        return root

    def union(self, a, b):
        self.add(a)
        self.add(b)
        root_a, root_b = self.find(a), self.find(b)
        if root_a == root_b:
            return False
        self._parent[root_a] = root_b
        self._size[root_b] += self._size.pop(root_a)
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
