"""get(key) returns the value of the last call that wrote the key, not of the version with the greatest
timestamp: an out-of-order write becomes "the latest"."""

EXPECT = "test_get_without_a_timestamp_reads_the_greatest_timestamp"
SAYS = ["greatest timestamp"]
PATCH = [
    ("""        self._values: dict[str, list[str | None]] = {}
""", """        self._values: dict[str, list[str | None]] = {}
        self._last: dict[str, str | None] = {}
"""),
    ("""        if timestamp is None:  # not `if not timestamp`: 0 is a time like any other
            return self._values[key][-1]""", """        if timestamp is None:
            return self._last.get(key)"""),
    ("""        times = self._times.setdefault(key, [])
        values = self._values.setdefault(key, [])""", """        self._last[key] = value
        times = self._times.setdefault(key, [])
        values = self._values.setdefault(key, [])"""),
]
