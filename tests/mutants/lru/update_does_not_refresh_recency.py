"""put() on an existing key replaces the value but does not make the key most recently used."""

EXPECT = "test_updating_a_key_refreshes_it_without_evicting"
PATCH = [
    (
        """            node.value = value
            self._unlink(node)
            self._append(node)
            return""",
        """            node.value = value
            return""",
    )
]
