"""history builds each version as a list [timestamp, value] instead of a tuple."""

EXPECT = "test_history_lists_every_version_by_timestamp"
BEYOND_THE_MODEL = "level 2: the level-1 model test never reads a history (levels 2-3's catch it)"
PATCH = [("        return list(zip(self._times.get(key, []), self._values.get(key, [])))",
          "        return [[t, v] for t, v in zip(self._times.get(key, []), self._values.get(key, []))]")]
