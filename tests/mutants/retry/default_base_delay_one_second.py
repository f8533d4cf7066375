"""RetryPolicy's base_delay defaults to 1.0 s instead of the stated 0.1 s: every default delay is ten times too long."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("    base_delay: float = 0.1\n", "    base_delay: float = 1.0\n")]
SAYS = ["base_delay defaults to 0.1"]
