"""get indexes the key directly (self._data[key]), so reading a field of a key that was never set
raises KeyError instead of returning None."""

EXPECT = "test_a_missing_key_or_field_reads_as_none"
PATCH = [("        record = self._data.get(key, {}).get(field)", "        record = self._data[key].get(field)")]
SAYS = ["raised KeyError", "expected None"]
