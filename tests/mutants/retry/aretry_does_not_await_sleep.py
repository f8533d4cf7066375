"""aretry calls sleep(delay) without await: the coroutine is created and dropped, so it never waits."""

EXPECT = "test_aretry_waits_the_same_delays_as_retry"
PATCH = [("        await sleep(delay)", "        sleep(delay)")]
