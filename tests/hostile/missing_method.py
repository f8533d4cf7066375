"""Forgets put and names get's second parameter differently."""


class LRUCache:
    def __init__(self, capacity):
        self.capacity = capacity

    def get(self, key):
        return None

    def __len__(self):
        return 0

    def __contains__(self, key):
        return False
