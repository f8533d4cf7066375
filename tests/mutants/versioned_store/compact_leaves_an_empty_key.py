"""compact leaves a key whose versions were all dropped in the store with empty lists, so get(key) then
indexes an empty list and raises IndexError."""

EXPECT = "test_compact_drops_a_tombstone_and_everything_it_hid"
PATCH = [("""            if not times:
                del self._times[key], self._values[key]
""", "")]
