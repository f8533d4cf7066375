"""backup() copies the dict of keys but not the dict of fields inside it (a shallow copy), so a write
to an existing key after the backup also changes the backup."""

BASE = "alternatives/kvstore/shift_on_restore.py"
EXPECT = "test_backups_do_not_share_state_with_the_live_store"
PATCH = [
    (
        """        self.backups.append((timestamp, copy.deepcopy(self.values), dict(self.expiry)))
""",
        """        self.backups.append((timestamp, dict(self.values), dict(self.expiry)))
""",
    ),
]
SAYS = ["copy"]
NOT_SAYS = ["changed nothing", "write the backup over"]
