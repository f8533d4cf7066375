"""A write at a timestamp the key already has is inserted after the first (bisect_right): reads see the
later value, but the key now holds two versions at one timestamp, and history shows both."""

EXPECT = "test_a_key_keeps_one_version_per_timestamp"
SAYS = ["does not add a second one"]
PATCH = [("""        index = bisect_left(times, timestamp)
        if times[index] == timestamp:  # index < len(times), since timestamp <= times[-1]
            values[index] = value  # one version per timestamp: the later call wins
        else:
            times.insert(index, timestamp)  # out of order: O(v) to make room, as the statement allows
            values.insert(index, value)""", """        index = bisect_right(times, timestamp)
        times.insert(index, timestamp)
        values.insert(index, value)""")]
