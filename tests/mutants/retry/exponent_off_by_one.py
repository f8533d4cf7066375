"""The exponent counts from 1: the first retry already waits 2 * base_delay."""

EXPECT = "test_the_delays_double_from_the_base_delay"
PATCH = [("policy.base_delay * 2 ** (k - 1))", "policy.base_delay * 2 ** k)")]
