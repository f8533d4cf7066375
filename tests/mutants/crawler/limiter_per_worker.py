"""Each worker builds its own rate limiter, so the limit applies per worker: together the workers start
up to concurrency * max_requests calls per window."""

EXPECT = "test_no_window_of_per_seconds_holds_more_than_max_requests_starts"
PATCH = [
    ("    limiter = _SlidingWindow(max_requests, per_seconds)\n", ""),
    ("    async def fetch_with_retries(url: str) -> tuple[",
     "    async def fetch_with_retries(url: str, limiter: _SlidingWindow) -> tuple["),
    ("    async def worker() -> None:\n        while True:\n",
     "    async def worker() -> None:\n"
     "        limiter = _SlidingWindow(max_requests, per_seconds)\n"
     "        while True:\n"),
    ("await fetch_with_retries(url)", "await fetch_with_retries(url, limiter)"),
]
