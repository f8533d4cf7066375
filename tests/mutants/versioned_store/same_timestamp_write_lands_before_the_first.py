"""A write at a timestamp the key already has is inserted as a second version, in front of the first
(bisect_left), so reads keep returning the first value: the later call does not win."""

EXPECT = "test_a_second_write_at_the_same_timestamp_replaces_the_first"
PATCH = [("""        if times[index] == timestamp:  # index < len(times), since timestamp <= times[-1]
            values[index] = value  # one version per timestamp: the later call wins
        else:
            times.insert(index, timestamp)  # out of order: O(v) to make room, as the statement allows
            values.insert(index, value)""", """        times.insert(index, timestamp)
        values.insert(index, value)""")]
