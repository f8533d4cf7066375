"""The capacity check runs before the insert with `>`, so the cache briefly holds capacity + 1 keys."""

EXPECT = "test_size_never_exceeds_capacity"
PATCH = [("if len(self._nodes) == self.capacity:", "if len(self._nodes) > self.capacity:")]
