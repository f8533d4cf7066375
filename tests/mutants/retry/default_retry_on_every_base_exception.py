"""RetryPolicy's retry_on defaults to (BaseException,) instead of (Exception,): a BaseException that is not an
Exception (and not a stop signal) is retried when the policy leaves retry_on out."""

EXPECT = "test_a_policy_left_at_its_defaults_uses_the_stated_values"
PATCH = [("    retry_on: tuple[type[BaseException], ...] = (Exception,)\n",
          "    retry_on: tuple[type[BaseException], ...] = (BaseException,)\n")]
SAYS = ["retry_on defaults to (Exception,)"]
