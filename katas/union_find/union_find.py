"""Union-find. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

from typing import Hashable, Iterable


class UnionFind:
    """Disjoint sets over hashable elements: merge two sets, ask which set an element belongs to."""

    def __init__(self, elements: Iterable[Hashable] = ()) -> None:
        """Start with each given element in a set of its own (elements is iterated once)."""
        # TODO: set up your storage, then add each element.
        raise NotImplementedError

    def add(self, x: Hashable) -> None:
        """Add x as a set of its own; do nothing if x is already present."""
        raise NotImplementedError

    def find(self, x: Hashable) -> Hashable:
        """Return the representative of x's set; KeyError if x is unknown."""
        raise NotImplementedError

    def union(self, a: Hashable, b: Hashable) -> bool:
        """Merge the sets of a and b, adding either if unknown; True if two sets were merged."""
        raise NotImplementedError

    def connected(self, a: Hashable, b: Hashable) -> bool:
        """True if a and b are in the same set; False if either is unknown (nothing is added)."""
        raise NotImplementedError

    def size(self, x: Hashable) -> int:
        """The number of elements in x's set; KeyError if x is unknown."""
        raise NotImplementedError

    @property
    def components(self) -> int:
        """The number of disjoint sets."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __contains__(self, x: Hashable) -> bool:
        raise NotImplementedError
