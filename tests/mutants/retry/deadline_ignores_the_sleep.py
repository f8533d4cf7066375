"""The deadline is checked on the time elapsed so far only, so a sleep that ends past it is still started."""

EXPECT = "test_a_retry_whose_sleep_would_end_past_the_deadline_is_not_started"
PATCH = [("self._clock() - self._start + delay > policy.deadline", "self._clock() - self._start > policy.deadline")]
