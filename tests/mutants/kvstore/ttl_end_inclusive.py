"""The TTL window is closed at the end: a field set at t with ttl d is still visible at t + d."""

EXPECT = "test_a_field_expires_exactly_at_timestamp_plus_ttl"
PATCH = [("    return expires_at is None or now < expires_at", "    return expires_at is None or now <= expires_at")]
SAYS = ["the end is exclusive"]
