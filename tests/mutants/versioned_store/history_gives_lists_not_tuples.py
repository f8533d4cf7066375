"""history builds each version as a list [timestamp, value] instead of a tuple."""

EXPECT = "test_history_lists_every_version_by_timestamp"
PATCH = [("        return list(zip(self._times.get(key, []), self._values.get(key, [])))",
          "        return [[t, v] for t, v in zip(self._times.get(key, []), self._values.get(key, []))]")]
