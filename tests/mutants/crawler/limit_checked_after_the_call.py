"""The rate limiter is consulted after the call returns instead of before it starts, so every worker's
first call (and each call right after a wait) starts without asking: more than max_requests calls start
in the first window whenever concurrency > max_requests."""

EXPECT = "test_no_window_of_per_seconds_holds_more_than_max_requests_starts"
PATCH = [
    (
        """            await limiter.acquire()
            try:
                page = await asyncio.wait_for(fetch(url), timeout)
""",
        """            try:
                page = await asyncio.wait_for(fetch(url), timeout)
                await limiter.acquire()
""",
    )
]
