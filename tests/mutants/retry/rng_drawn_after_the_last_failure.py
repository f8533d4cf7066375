"""The delay is drawn before checking whether attempts are left, so the last failure wastes an rng call."""

EXPECT = "test_rng_is_called_once_per_delay_and_never_for_none"
PATCH = [("""        self._failures += 1
        if self._failures >= policy.attempts:
            return None
        delay = self._delay(self._failures)
""", """        self._failures += 1
        delay = self._delay(self._failures)
        if self._failures >= policy.attempts:
            return None
""")]
