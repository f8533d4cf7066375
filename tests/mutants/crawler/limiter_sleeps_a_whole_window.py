"""When the window is full, the limiter sleeps a whole per_seconds from now instead of until the oldest start
is per_seconds old: never over the limit, but every wait is longer than it needs to be."""

EXPECT = "test_a_call_starts_as_soon_as_the_window_has_room"
PATCH = [("await asyncio.sleep(self._period - (now - self._starts[0]))", "await asyncio.sleep(self._period)")]
SAYS = ["could start at", "oldest of the last max_requests starts"]
NOT_SAYS = ["first attempt waits for nothing"]
