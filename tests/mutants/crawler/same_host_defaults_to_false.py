"""crawl's same_host defaults to False instead of the stated True: a call that leaves same_host out crawls differently
from what the signature promises."""

EXPECT = "test_options_left_out_take_their_defaults_for_what_is_fetched"
PATCH = [("    same_host: bool = True,\n", "    same_host: bool = False,\n")]
SAYS = ["same_host=True"]
