"""crawl's max_requests defaults to 5 instead of the stated 10: a call that leaves max_requests out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_how_fast"
PATCH = [("    max_requests: int = 10,\n", "    max_requests: int = 5,\n")]
SAYS = ["max_requests"]
