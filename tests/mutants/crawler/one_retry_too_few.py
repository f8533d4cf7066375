"""`retries` is taken as the number of attempts: a URL gets `retries` calls instead of 1 + retries."""

EXPECT = "test_failed_attempts_are_retried_after_a_doubling_backoff"
PATCH = [("for attempt in range(1, retries + 2):", "for attempt in range(1, max(retries, 1) + 1):")]
