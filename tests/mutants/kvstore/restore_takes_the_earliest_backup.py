"""restore() walks the backups from the oldest and stops at the first one taken at or before
timestamp_to_restore, so it always restores the earliest backup, not the latest that qualifies."""

EXPECT = "test_restore_brings_back_the_latest_backup_at_or_before_the_time"
PATCH = [
    (
        "        index = bisect_right(self._backups, timestamp_to_restore, key=lambda backup: backup[0]) - 1",
        """        index = -1
        for position, (taken_at, _) in enumerate(self._backups):
            if taken_at <= timestamp_to_restore:
                index = position
                break""",
    )
]
SAYS = ["what the backup taken at 10 held", "latest"]
NOT_SAYS = ["changed nothing", "copy", "exactly"]
