"""`key in cache` is written with get(), so a membership test refreshes recency."""

EXPECT = "test_contains_does_not_count_as_a_use"
PATCH = [
    (
        "        return key in self._nodes",
        "        missing = object()\n        return self.get(key, missing) is not missing",
    )
]
