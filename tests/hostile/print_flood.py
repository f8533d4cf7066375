"""Correct, with debug prints left in: megabytes of output."""

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def put(self, key, value):
        print(f"put {key!r} {value!r} " + "." * 2000)
        super().put(key, value)

    def get(self, key, default=None):
        print("get", key, "#" * 2000)
        return super().get(key, default)
