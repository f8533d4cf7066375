"""A sleep that would end exactly at the deadline is refused (>= where > is meant)."""

EXPECT = "test_a_sleep_ending_exactly_at_the_deadline_is_allowed"
PATCH = [("self._clock() - self._start + delay > policy.deadline",
          "self._clock() - self._start + delay >= policy.deadline")]
