"""restore() looks the backup up by its exact timestamp and returns quietly when no backup was taken at
exactly timestamp_to_restore: restoring "to 7" the backup taken at 3 does nothing at all."""

EXPECT = "test_restore_replaces_the_whole_state"
PATCH = [
    (
        """        index = bisect_right(self._backups, timestamp_to_restore, key=lambda backup: backup[0]) - 1
        if index < 0:
            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")""",
        """        times = [taken_at for taken_at, _ in self._backups]
        if not times or times[0] > timestamp_to_restore:
            raise ValueError(f"no backup was taken at or before {timestamp_to_restore}")
        if timestamp_to_restore not in times:
            return
        index = times.index(timestamp_to_restore)""",
    )
]
SAYS = ["changed nothing"]
NOT_SAYS = ["copy", "write the backup over", "had left"]
