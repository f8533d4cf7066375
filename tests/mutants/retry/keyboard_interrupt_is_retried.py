"""Only retry_on decides, so with retry_on=(BaseException,) even Ctrl-C and sys.exit() are retried."""

EXPECT = "test_keyboard_interrupt_and_system_exit_are_never_retried"
PATCH = [("        if isinstance(error, _NEVER_RETRIED) or not isinstance(error, policy.retry_on):",
          "        if not isinstance(error, policy.retry_on):")]
