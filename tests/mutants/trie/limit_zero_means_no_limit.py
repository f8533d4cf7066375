"""words_with_prefix() forgets the limit <= 0 case: the count never equals 0 or -1, so it lists everything."""

EXPECT = "test_limit_caps_the_list"
PATCH = [("        if start is None or (limit is not None and limit <= 0):", "        if start is None:")]
SAYS = ["0 or less gives []"]
