"""Eviction takes the wrong end of the list: the most recently used key goes first."""

EXPECT = "test_the_least_recently_used_key_is_evicted_first"
PATCH = [("oldest = self._sentinel.next", "oldest = self._sentinel.prev")]
