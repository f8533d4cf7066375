"""The limiter reads time.monotonic() instead of the event loop's clock: its waits are computed from a clock
that asyncio.sleep does not drive, so under a loop whose time is virtual (or merely busy) it keeps sleeping."""

EXPECT = "test_no_window_of_per_seconds_holds_more_than_max_requests_starts"
PATCH = [("import asyncio\n", "import asyncio\nimport time\n"),
         ("                now = loop.time()\n", "                now = time.monotonic()\n")]
SAYS = ["time.monotonic()"]
