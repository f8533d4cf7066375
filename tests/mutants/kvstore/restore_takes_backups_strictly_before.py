"""restore() looks for backups taken strictly before timestamp_to_restore, so a backup taken at
exactly that time is skipped."""

EXPECT = "test_restore_brings_back_the_latest_backup_at_or_before_the_time"
PATCH = [("index = bisect_right(self._backups,", "index = bisect_left(self._backups,"),
         ("from bisect import bisect_right", "from bisect import bisect_left")]
SAYS = ["exactly"]
NOT_SAYS = ["copy"]
