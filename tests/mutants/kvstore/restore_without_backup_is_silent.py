"""restore() does nothing when no backup qualifies, where it must raise ValueError."""

EXPECT = "test_restore_raises_value_error_when_no_backup_qualifies"
PATCH = [
    ('            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")', "            return"),
]
SAYS = ["must raise ValueError"]
