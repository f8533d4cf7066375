"""put() tries to allocate far more memory than the grader allows."""

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def put(self, key, value):
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))
