"""aretry's sleep defaults to time.sleep (copied from retry's signature): it blocks the event loop, and awaiting
the None it returns raises TypeError."""

EXPECT = "test_aretry_sleeps_with_asyncio_sleep_by_default"
PATCH = [("    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,\n",
          "    sleep: Callable[[float], Awaitable[Any]] = time.sleep,\n")]
SAYS = ["asyncio.sleep"]
