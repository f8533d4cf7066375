"""put() checks for a full cache before looking the key up, so updating a key in a full cache evicts another."""

EXPECT = "test_updating_a_key_refreshes_it_without_evicting"
PATCH = [
    (
        """        node = self._nodes.get(key)
        if node is not None:
            node.value = value""",
        """        if len(self._nodes) == self.capacity:
            oldest = self._sentinel.next
            self._unlink(oldest)
            del self._nodes[oldest.key]
        node = self._nodes.get(key)
        if node is not None:
            node.value = value""",
    )
]
