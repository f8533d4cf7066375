"""backup() returns the number of keys stored, counting keys whose fields have all expired."""

EXPECT = "test_backup_counts_keys_with_a_live_field"
PATCH = [("        return len(snapshot)", "        return len(self._data)")]
SAYS = ["fields all expired"]
NOT_SAYS = ["number of live fields", "hold only the empty string"]
