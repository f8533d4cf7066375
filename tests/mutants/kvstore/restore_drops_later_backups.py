"""restore() rolls the backup history back too, discarding the backups taken after the one restored."""

EXPECT = "test_backups_survive_a_restore"
PATCH = [("        snapshot = self._backups[index][1]",
          "        snapshot = self._backups[index][1]\n        del self._backups[index + 1:]")]
SAYS = ["deletes no backup"]
NOT_SAYS = ["changed nothing", "copy"]
