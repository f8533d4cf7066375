"""Decorrelated jitter spreads from three times the exponential cap instead of three times the previous delay."""

EXPECT = "test_decorrelated_jitter_grows_from_the_previous_delay"
PATCH = [("            spread = 3 * self._previous - policy.base_delay",
          "            spread = 3 * cap - policy.base_delay")]
