"""attempts is read as the number of retries, so fn is called once more than the policy allows."""

EXPECT = "test_attempts_is_the_total_number_of_calls"
PATCH = [("        if self._failures >= policy.attempts:", "        if self._failures > policy.attempts:")]
