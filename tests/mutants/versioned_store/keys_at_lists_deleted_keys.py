"""keys_at lists every key with a version at or before the time, tombstones included, instead of only
the keys that hold a value then."""

EXPECT = "test_keys_at_lists_the_keys_holding_a_value_sorted"
BEYOND_THE_MODEL = "level 2: the level-1 model test never calls keys_at (levels 2-3's catch it)"
PATCH = [("        return sorted(key for key in self._times if self.get(key, timestamp) is not None)",
          "        return sorted(key for key in self._times if self._times[key][0] <= timestamp)")]
