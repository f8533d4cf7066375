"""balance(t) uses bisect_left, so a grant or charge at exactly t is not counted yet at t."""

EXPECT = "test_a_grant_stops_counting_exactly_at_expires_at"
PATCH = [
    ("from bisect import bisect_right", "from bisect import bisect_left"),
    ("        index = bisect_right(self._times, timestamp)", "        index = bisect_left(self._times, timestamp)"),
]
