"""crawl's concurrency defaults to 10 instead of the stated 5: a call that leaves concurrency out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_how_fast"
PATCH = [("    concurrency: int = 5,\n", "    concurrency: int = 10,\n")]
SAYS = ["concurrency=5"]
