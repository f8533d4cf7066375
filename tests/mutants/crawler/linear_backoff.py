"""The backoff grows linearly (0.1, 0.2, 0.3, ...) instead of doubling (0.1, 0.2, 0.4, ...)."""

EXPECT = "test_failed_attempts_are_retried_after_a_doubling_backoff"
PATCH = [("await asyncio.sleep(0.1 * 2 ** (attempt - 2))", "await asyncio.sleep(0.1 * (attempt - 1))")]
