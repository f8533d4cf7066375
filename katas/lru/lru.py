"""LRU cache. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

from typing import Any, Hashable


class LRUCache:
    """A fixed-capacity map that evicts the least recently used key when it is full."""

    def __init__(self, capacity: int) -> None:
        # TODO: raise ValueError if capacity < 1, then set up your storage.
        raise NotImplementedError

    def get(self, key: Hashable, default: Any = None) -> Any:
        """Return the value for key and mark it most recently used, or return default."""
        raise NotImplementedError

    def put(self, key: Hashable, value: Any) -> None:
        """Insert or update key, mark it most recently used, and evict the LRU key if over capacity."""
        raise NotImplementedError

    def __len__(self) -> int:
        raise NotImplementedError

    def __contains__(self, key: Hashable) -> bool:
        """Membership test; it does not count as a use."""
        raise NotImplementedError
