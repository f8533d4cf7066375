"""restore() forgets the "no backup" check: with no backup at all, indexing the list raises IndexError
where ValueError is promised (and with backups, index -1 silently restores the latest one)."""

EXPECT = "test_restore_raises_value_error_when_no_backup_qualifies"
PATCH = [('        if index < 0:\n            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")\n', "")]
SAYS = ["raised IndexError", "must raise ValueError"]
