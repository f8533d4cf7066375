"""keys_at lists the live keys in the order they were first written instead of sorting them."""

EXPECT = "test_keys_at_lists_the_keys_holding_a_value_sorted"
SAYS = ["must be sorted"]
PATCH = [("        return sorted(key for key in self._times if self.get(key, timestamp) is not None)",
          "        return [key for key in self._times if self.get(key, timestamp) is not None]")]
