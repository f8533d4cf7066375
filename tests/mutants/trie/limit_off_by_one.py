"""words_with_prefix() stops only once it has more than `limit` words, so it returns one too many."""

EXPECT = "test_limit_caps_the_list"
PATCH = [("                if len(found) == limit:", "                if limit is not None and len(found) > limit:")]
SAYS = ["limit=1 keeps the first 1"]
NOT_SAYS = ["code point", "extension"]
