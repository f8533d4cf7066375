"""keys_at lists every key with a version at or before the time, tombstones included, instead of only
the keys that hold a value then."""

EXPECT = "test_keys_at_lists_the_keys_holding_a_value_sorted"
PATCH = [("        return sorted(key for key in self._times if self.get(key, timestamp) is not None)",
          "        return sorted(key for key in self._times if self._times[key][0] <= timestamp)")]
