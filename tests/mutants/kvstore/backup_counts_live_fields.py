"""backup() returns the number of live fields it saved instead of the number of keys holding one."""

EXPECT = "test_backup_counts_keys_with_a_live_field"
PATCH = [("        return len(snapshot)", "        return sum(len(fields) for fields in snapshot.values())")]
SAYS = ["number of live fields"]
NOT_SAYS = ["fields all expired", "hold only the empty string"]
