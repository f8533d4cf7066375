"""restore() brings back each field's original expiry time instead of re-basing its remaining
lifetime at the restore timestamp, so a restored field with a TTL is usually already expired."""

EXPECT = "test_a_restored_field_keeps_its_remaining_lifetime"
PATCH = [
    ("        snapshot = self._backups[index][1]", "        taken_at, snapshot = self._backups[index]"),
    ("(value, None if remaining is None else timestamp + remaining)",
     "(value, None if remaining is None else taken_at + remaining)"),
]
SAYS = ["lifetime it had left"]
NOT_SAYS = ["changed nothing", "copy", "write the backup over"]
