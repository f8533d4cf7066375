"""Correct and O(1), but several times slower than the reference: the speed check must still pass it.

Each entry stamps a counter; a dict of stamps plus lazy deletion from a deque keeps eviction
amortised O(1).
"""

from collections import deque


class LRUCache:
    def __init__(self, capacity):
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self._values = {}
        self._stamp = {}
        self._queue = deque()
        self._clock = 0

    def _touch(self, key):
        self._clock += 1
        self._stamp[key] = self._clock
        self._queue.append((self._clock, key))
        if len(self._queue) > 4 * self.capacity + 16:
            self._queue = deque(item for item in self._queue if self._stamp.get(item[1]) == item[0])

    def get(self, key, default=None):
        if key not in self._values:
            return default
        self._touch(key)
        return self._values[key]

    def put(self, key, value):
        if key not in self._values and len(self._values) == self.capacity:
            while True:
                stamp, oldest = self._queue.popleft()
                if self._stamp.get(oldest) == stamp:
                    break
            del self._values[oldest]
            del self._stamp[oldest]
        self._values[key] = value
        self._touch(key)

    def __len__(self):
        return len(self._values)

    def __contains__(self, key):
        return key in self._values
