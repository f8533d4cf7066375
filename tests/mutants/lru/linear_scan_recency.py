"""Correct, but recency lives in a list: every get and put scans it, O(n) per operation."""

from __future__ import annotations

from typing import Any, Hashable

EXPECT = "test_operations_stay_constant_time_as_the_cache_grows"


class LRUCache:
    def __init__(self, capacity: int) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._values: dict = {}
        self._order: list = []

    def get(self, key: Hashable, default: Any = None) -> Any:
        if key not in self._values:
            return default
        self._order.remove(key)
        self._order.append(key)
        return self._values[key]

    def put(self, key: Hashable, value: Any) -> None:
        if key in self._values:
            self._order.remove(key)
        elif len(self._values) == self.capacity:
            del self._values[self._order.pop(0)]
        self._values[key] = value
        self._order.append(key)

    def __len__(self) -> int:
        return len(self._values)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._values
BEYOND_THE_MODEL = "speed: the model drives a handful of keys, where a linear scan is as fast as a list"
