"""delete removes every version of the key instead of recording a tombstone, so reads before the
delete lose the values they had."""

EXPECT = "test_a_delete_hides_the_value_from_its_time_on_and_keeps_the_past"
PATCH = [("""        self._write(key, None, timestamp)

    def history""", """        self._times.pop(key, None)
        self._values.pop(key, None)

    def history""")]
