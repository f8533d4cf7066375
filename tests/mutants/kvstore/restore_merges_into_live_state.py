"""restore() writes the backup's fields over the live state instead of replacing it, so keys and
fields set after the backup survive the restore."""

EXPECT = "test_restore_replaces_the_whole_state"
PATCH = [
    (
        """        self._data = {
            key: {field: (value, None if remaining is None else timestamp + remaining)
                  for field, (value, remaining) in fields.items()}
            for key, fields in snapshot.items()
        }""",
        """        for key, fields in snapshot.items():
            for field, (value, remaining) in fields.items():
                expires_at = None if remaining is None else timestamp + remaining
                self._data.setdefault(key, {})[field] = (value, expires_at)""",
    )
]
SAYS = ["write the backup over"]
NOT_SAYS = ["changed nothing", "copy"]
