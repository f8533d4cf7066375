"""RetryPolicy's deadline defaults to 30 s instead of None: a policy without a deadline still gives up early."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("    deadline: float | None = None\n", "    deadline: float | None = 30.0\n")]
SAYS = ["deadline to None"]
