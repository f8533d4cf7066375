"""crawl's max_pages defaults to 50 instead of the stated 100: a call that leaves max_pages out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_what_is_fetched"
PATCH = [("    max_pages: int = 100,\n", "    max_pages: int = 50,\n")]
SAYS = ["max_pages defaults to 100"]
