"""get() never returns."""

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def get(self, key, default=None):
        while True:
            pass
