"""RetryPolicy's attempts defaults to 5 instead of the stated 3: a policy that leaves it out calls fn twice more."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("    attempts: int = 3\n", "    attempts: int = 5\n")]
SAYS = ["attempts defaults to 3"]
