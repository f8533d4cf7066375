"""Scans index the key directly (self._data[key]), so scanning a key that was never set, or whose
last field was deleted, raises KeyError instead of returning []."""

EXPECT = "test_scans_of_a_missing_key_are_empty"
PATCH = [("for field, (value, expires_at) in self._data.get(key, {}).items()",
          "for field, (value, expires_at) in self._data[key].items()")]
SAYS = ["raised KeyError", "expected []"]
