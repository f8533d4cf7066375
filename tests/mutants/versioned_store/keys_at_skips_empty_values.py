"""keys_at tests the value for truth, so a key whose value at that time is "" is left out."""

EXPECT = "test_keys_at_lists_the_keys_holding_a_value_sorted"
PATCH = [("        return sorted(key for key in self._times if self.get(key, timestamp) is not None)",
          "        return sorted(key for key in self._times if self.get(key, timestamp))")]
