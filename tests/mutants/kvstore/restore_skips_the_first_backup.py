"""restore() searches the backups from the newest down to the second one (its range stops before index
0), and returns quietly when it finds none: with a single backup, a restore does nothing at all."""

EXPECT = "test_backups_do_not_share_state_with_the_live_store"
PATCH = [
    (
        """        index = bisect_right(self._backups, timestamp_to_restore, key=lambda backup: backup[0]) - 1
        if index < 0:
            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")""",
        """        for index in range(len(self._backups) - 1, 0, -1):
            if self._backups[index][0] <= timestamp_to_restore:
                break
        else:
            return""",
    )
]
SAYS = ["changed nothing"]
NOT_SAYS = ["copy", "write the backup over", "had left"]
