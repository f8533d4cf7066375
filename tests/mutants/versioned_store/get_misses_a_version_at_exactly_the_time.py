"""get searches with bisect_left, so it only sees versions strictly before the time: a version written
at exactly that time is missed."""

EXPECT = "test_get_sees_a_version_written_at_exactly_that_time"
SAYS = ["exactly"]
PATCH = [("        index = bisect_right(times, timestamp) - 1", "        index = bisect_left(times, timestamp) - 1")]
