"""retry's sleep defaults to asyncio.sleep (copied from aretry's signature): calling it only creates a coroutine,
so the sync retry never waits."""

EXPECT = "test_retry_sleeps_with_time_sleep_by_default"
PATCH = [("    sleep: Callable[[float], Any] = time.sleep,\n", "    sleep: Callable[[float], Any] = asyncio.sleep,\n")]
SAYS = ["time.sleep"]
