"""history returns the list the store keeps for the key, not a copy, so a caller that changes the list
changes the store."""

EXPECT = "test_history_returns_a_new_list_each_time"
BEYOND_THE_MODEL = "aliasing: the model test never changes a list that history returned"
BASE = "alternatives/versioned_store/tuples_and_json_lines.py"
PATCH = [("        return list(self._versions.get(key, ()))", "        return self._versions.get(key, [])")]
