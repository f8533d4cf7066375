"""set assumes writes arrive in timestamp order: it appends every new version at the end (replacing
only a repeat of the last timestamp), so after an out-of-order write the list is no longer sorted and
bisect reads the wrong version."""

EXPECT = "test_writes_may_arrive_in_any_order"
PATCH = [("""        index = bisect_left(times, timestamp)
        if times[index] == timestamp:  # index < len(times), since timestamp <= times[-1]
            values[index] = value  # one version per timestamp: the later call wins
        else:
            times.insert(index, timestamp)  # out of order: O(v) to make room, as the statement allows
            values.insert(index, value)""", """        if times[-1] == timestamp:
            values[-1] = value
        else:
            times.append(timestamp)
            values.append(value)""")]
