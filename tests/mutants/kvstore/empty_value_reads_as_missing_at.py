"""get_at returns `value or None`, so a field holding the empty string reads as missing at level 3, while
the plain get (written separately) still returns it."""

BASE = "alternatives/kvstore/shift_on_restore.py"
EXPECT = "test_a_field_expires_exactly_at_timestamp_plus_ttl"
PATCH = [("        return self.values[key][field] if self._alive(key, field, timestamp) else None",
          "        return (self.values[key][field] or None) if self._alive(key, field, timestamp) else None")]
SAYS = ["empty string"]
NOT_SAYS = ["exclusive"]
