"""get walks the key's versions one by one up to the time instead of bisecting: correct, but O(v)."""

EXPECT = "test_get_takes_logarithmic_time_on_a_key_with_100000_versions"
BEYOND_THE_MODEL = "speed: the model test's keys hold a few versions, where a scan is as fast as bisect"
SAYS = ["scans the versions"]
NOT_SAYS = ["re-sort"]
PATCH = [("""        index = bisect_right(times, timestamp) - 1
        return self._values[key][index] if index >= 0 else None""", """        index = -1
        for position, t in enumerate(times):
            if t > timestamp:
                break
            index = position
        return self._values[key][index] if index >= 0 else None""")]
