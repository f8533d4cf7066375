"""restore() makes the backup's dicts the live state without copying them, so writes after the restore
change the backup, and restoring it a second time brings those writes back."""

BASE = "alternatives/kvstore/shift_on_restore.py"
EXPECT = "test_backups_do_not_share_state_with_the_live_store"
PATCH = [
    (
        """        self.values = copy.deepcopy(values)
""",
        """        self.values = values
""",
    ),
]
SAYS = ["copy"]
NOT_SAYS = ["write the backup over"]
