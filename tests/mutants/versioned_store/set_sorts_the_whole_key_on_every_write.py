"""set stores the version in a dict and rebuilds the key's sorted list of timestamps with sorted() on
every write: reads stay fast, but each in-order write costs O(v), so filling a key is quadratic."""

EXPECT = "test_get_takes_logarithmic_time_on_a_key_with_100000_versions"
BEYOND_THE_MODEL = "speed: the model test's keys hold a few versions, where sorting them costs nothing"
SAYS = ["re-sort"]
BASE = "alternatives/versioned_store/dict_by_timestamp.py"
PATCH = [("""        versions = self.values.setdefault(key, {})
        if timestamp not in versions:
            bisect.insort(self.stamps.setdefault(key, []), timestamp)
        versions[timestamp] = value""", """        versions = self.values.setdefault(key, {})
        versions[timestamp] = value
        self.stamps[key] = sorted(versions)""")]
