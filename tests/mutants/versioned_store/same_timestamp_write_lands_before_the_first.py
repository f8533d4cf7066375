"""A write at a timestamp the key already has is inserted as a second version, in front of the first
(bisect_left), so reads keep returning the first value: the later call does not win."""

EXPECT = "test_a_second_write_at_the_same_timestamp_replaces_the_first"
PATCH = [("""        if index < len(times) and times[index] == timestamp:
            values[index] = value  # one version per timestamp: the later call wins
        else:
            times.insert(index, timestamp)  # an append when writes arrive in order
            values.insert(index, value)""", """        times.insert(index, timestamp)
        values.insert(index, value)""")]
