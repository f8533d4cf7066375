"""crawl's retries defaults to 3 instead of the stated 2: a call that leaves retries out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_failures"
PATCH = [("    retries: int = 2,\n", "    retries: int = 3,\n")]
SAYS = ["retries=2"]
