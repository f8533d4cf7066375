"""LRU cache: a dict for O(1) lookup plus a doubly linked list for O(1) recency order."""

from __future__ import annotations

from typing import Any, Hashable


class _Node:
    __slots__ = ("key", "value", "prev", "next")

    def __init__(self, key: Any = None, value: Any = None) -> None:
        self.key = key
        self.value = value
        self.prev: _Node = self
        self.next: _Node = self


class LRUCache:
    """A fixed-capacity map that evicts the least recently used key when it is full."""

    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError(f"capacity must be at least 1, got {capacity}")
        self.capacity = capacity
        self._nodes: dict[Hashable, _Node] = {}
        # One sentinel closes the ring: sentinel.next is the least recently used node,
        # sentinel.prev the most recently used. No None checks at either end.
        self._sentinel = _Node()

    def get(self, key: Hashable, default: Any = None) -> Any:
        """Return the value for key and mark it most recently used, or return default."""
        node = self._nodes.get(key)
        if node is None:
            return default
        self._unlink(node)
        self._append(node)
        return node.value

    def put(self, key: Hashable, value: Any) -> None:
        """Insert or update key, mark it most recently used, and evict the LRU key if over capacity."""
        node = self._nodes.get(key)
        if node is not None:
            node.value = value
            self._unlink(node)
            self._append(node)
            return
        if len(self._nodes) == self.capacity:
            oldest = self._sentinel.next
            self._unlink(oldest)
            del self._nodes[oldest.key]
        node = _Node(key, value)
        self._nodes[key] = node
        self._append(node)

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, key: Hashable) -> bool:
        """Membership test; it does not count as a use."""
        return key in self._nodes

    def _unlink(self, node: _Node) -> None:
        node.prev.next = node.next
        node.next.prev = node.prev

    def _append(self, node: _Node) -> None:
        last = self._sentinel.prev
        last.next = node
        node.prev = last
        node.next = self._sentinel
        self._sentinel.prev = node
