"""get tests `if not timestamp` to spot a read without a timestamp, so a read at time 0 returns the
latest version instead."""

EXPECT = "test_timestamp_zero_is_a_time_not_the_latest"
SAYS = ["`timestamp is None`"]
PATCH = [("        if timestamp is None:  # not `if not timestamp`: 0 is a time like any other",
          "        if not timestamp:")]
