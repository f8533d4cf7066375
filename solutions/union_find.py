"""Union-find (disjoint sets): union by size plus path compression, near-constant amortized time."""

from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    """Disjoint sets over hashable elements: merge two sets, ask which set an element belongs to."""

    def __init__(self, elements: Iterable[Hashable] = ()) -> None:
        """Start with each given element in a set of its own (elements is iterated once)."""
        self._parent: dict[Hashable, Hashable] = {}
        # Kept for roots only: a root's entry is the size of its whole tree.
        self._size: dict[Hashable, int] = {}
        self._components = 0
        for x in elements:
            self.add(x)

    def add(self, x: Hashable) -> None:
        """Add x as a set of its own; do nothing if x is already present."""
        if x not in self._parent:
            self._parent[x] = x
            self._size[x] = 1
            self._components += 1

    def find(self, x: Hashable) -> Hashable:
        """Return the representative of x's set; KeyError if x is unknown."""
        parent = self._parent
        root = parent[x]
        # Roots are their own parent. Compare by identity: the parents are the very objects
        # stored as keys, and `is` neither calls a user __eq__ nor trips on a NaN.
        while (up := parent[root]) is not root:
            root = up
        # Path compression, iterative: a recursive find would overflow on a long chain.
        node = x
        while (up := parent[node]) is not root:
            parent[node] = root
            node = up
        return root

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Merge the sets of a and b, adding either if unknown; True if two sets were merged."""
        self.add(a)
        self.add(b)
        root_a, root_b = self.find(a), self.find(b)
        if root_a is root_b:
            return False
        # Union by size: the smaller tree goes under the larger, so no tree is deeper than log2(n).
        if self._size[root_a] < self._size[root_b]:
            root_a, root_b = root_b, root_a
        self._parent[root_b] = root_a
        self._size[root_a] += self._size.pop(root_b)
        self._components -= 1
        return True

    def connected(self, a: Hashable, b: Hashable) -> bool:
        """True if a and b are in the same set; False if either is unknown (nothing is added)."""
        if a not in self._parent or b not in self._parent:
            return False
        return self.find(a) is self.find(b)

    def size(self, x: Hashable) -> int:
        """The number of elements in x's set; KeyError if x is unknown."""
        return self._size[self.find(x)]

    @property
    def components(self) -> int:
        """The number of disjoint sets."""
        return self._components

    def __len__(self) -> int:
        return len(self._parent)

    def __contains__(self, x: Hashable) -> bool:
        return x in self._parent
