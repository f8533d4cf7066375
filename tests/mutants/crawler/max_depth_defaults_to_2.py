"""crawl's max_depth defaults to 2 instead of the stated 3: a call that leaves max_depth out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_what_is_fetched"
PATCH = [("    max_depth: int = 3,\n", "    max_depth: int = 2,\n")]
SAYS = ["max_depth=3"]
