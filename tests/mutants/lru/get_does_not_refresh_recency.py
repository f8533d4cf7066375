"""get() returns the value but leaves the key where it was in the recency order."""

EXPECT = "test_get_refreshes_recency"
PATCH = [
    (
        """            return default
        self._unlink(node)
        self._append(node)
        return node.value""",
        """            return default
        return node.value""",
    )
]
SAYS = ["evicted right after get(0)", "most recently used"]
NOT_SAYS = ["capacity"]
