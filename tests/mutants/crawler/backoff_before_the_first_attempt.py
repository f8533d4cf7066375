"""The backoff sleep runs before every attempt, the first one included: 0.1 * 2 ** -1, so every URL waits
0.05 s before its first call, although nothing holds it back."""

EXPECT = "test_an_instant_web_is_crawled_on_the_fastest_schedule_the_limit_allows"
PATCH = [("            if attempt > 1:\n                await asyncio.sleep(0.1 * 2 ** (attempt - 2))\n",
          "            await asyncio.sleep(0.1 * 2 ** (attempt - 2))\n")]
SAYS = ["could start at t=0", "first attempt waits for nothing"]
