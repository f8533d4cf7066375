"""set assumes writes arrive in timestamp order: it appends every new version at the end (replacing
only a repeat of the last timestamp), so after an out-of-order write the list is no longer sorted and
bisect reads the wrong version."""

EXPECT = "test_writes_may_arrive_in_any_order"
PATCH = [("""        index = bisect_left(times, timestamp)
        if index < len(times) and times[index] == timestamp:""", """        index = len(times) - 1 if times and times[-1] == timestamp else len(times)
        if index < len(times):""")]
