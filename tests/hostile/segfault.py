"""put() crashes the interpreter."""

import ctypes

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def put(self, key, value):
        ctypes.string_at(0)
