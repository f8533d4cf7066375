"""crawl's per_seconds defaults to 60.0 instead of the stated 1.0: a call that leaves per_seconds out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_how_fast"
PATCH = [("    per_seconds: float = 1.0,\n", "    per_seconds: float = 60.0,\n")]
SAYS = ["per_seconds"]
