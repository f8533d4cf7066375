"""The deadline is checked against the un-jittered cap before the delay is drawn: it gives up too early
and never calls rng for the refused delay."""

EXPECT = "test_a_delay_refused_by_the_deadline_was_still_drawn"
PATCH = [("""        delay = self._delay(self._failures)
        # The delay is drawn before the deadline check, so rng is called once for every delay computed,
        # including the one that is then refused.
        if policy.deadline is not None and self._clock() - self._start + delay > policy.deadline:
            return None
        return delay""", """        cap = min(policy.max_delay, policy.base_delay * 2 ** (self._failures - 1))
        if policy.deadline is not None and self._clock() - self._start + cap > policy.deadline:
            return None
        return self._delay(self._failures)""")]
