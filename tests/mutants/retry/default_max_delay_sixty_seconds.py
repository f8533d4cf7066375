"""RetryPolicy's max_delay defaults to 60 s (a cap borrowed from another library) instead of the stated 10 s."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("    max_delay: float = 10.0\n", "    max_delay: float = 60.0\n")]
SAYS = ["max_delay defaults to 10.0"]
