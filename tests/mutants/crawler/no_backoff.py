"""Retries start at once, without waiting 0.1 s, 0.2 s, ... between attempts."""

EXPECT = "test_failed_attempts_are_retried_after_a_doubling_backoff"
PATCH = [("            if attempt > 1:\n                await asyncio.sleep(0.1 * 2 ** (attempt - 2))\n", "")]
