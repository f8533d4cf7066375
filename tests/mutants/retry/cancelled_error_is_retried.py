"""Only KeyboardInterrupt and SystemExit are excluded, so a cancelled task is retried when retry_on allows it."""

EXPECT = "test_cancelled_error_is_never_retried"
PATCH = [("_NEVER_RETRIED = (KeyboardInterrupt, SystemExit, asyncio.CancelledError)",
          "_NEVER_RETRIED = (KeyboardInterrupt, SystemExit)")]
