"""delete records its tombstone only when the key has a value at that time, so a delete of a key never
set, or already deleted, leaves no version behind."""

EXPECT = "test_a_delete_always_records_a_tombstone"
PATCH = [("""        self._write(key, None, timestamp)

    def history""", """        if self.get(key, timestamp) is not None:
            self._write(key, None, timestamp)

    def history""")]
