"""keys_at tests the value for truth, so a key whose value at that time is "" is left out."""

EXPECT = "test_keys_at_lists_the_keys_holding_a_value_sorted"
BEYOND_THE_MODEL = "level 2: the level-1 model test never calls keys_at (levels 2-3's catch it)"
PATCH = [("        return sorted(key for key in self._times if self.get(key, timestamp) is not None)",
          "        return sorted(key for key in self._times if self.get(key, timestamp))")]
