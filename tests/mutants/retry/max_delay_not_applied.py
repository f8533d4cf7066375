"""The exponential delay is never capped at max_delay, so it keeps doubling without bound."""

EXPECT = "test_the_delay_is_capped_at_max_delay"
PATCH = [("        cap = min(policy.max_delay, policy.base_delay * 2 ** (k - 1))",
          "        cap = policy.base_delay * 2 ** (k - 1)")]
