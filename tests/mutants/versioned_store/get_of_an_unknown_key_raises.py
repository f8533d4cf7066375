"""get indexes the dict directly (self._times[key]), so reading a key that was never written raises
KeyError instead of returning None."""

EXPECT = "test_a_key_reads_as_none_before_its_first_version_and_when_never_set"
PATCH = [("""        times = self._times.get(key)
        if times is None:
            return None
        if timestamp is None:""", """        times = self._times[key]
        if timestamp is None:""")]
