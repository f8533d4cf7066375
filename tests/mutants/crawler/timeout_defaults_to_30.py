"""crawl's timeout defaults to 30.0 instead of the stated 10.0: a call that leaves timeout out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_failures"
PATCH = [("    timeout: float = 10.0,\n", "    timeout: float = 30.0,\n")]
SAYS = ["timeout"]
