"""A file that does not parse."""

class LRUCache:
    def get(self, key
