"""The limiter is a token bucket: it starts full (max_requests tokens) and refills one token every
per_seconds / max_requests. It lets a burst of max_requests through at once and then the refill on top,
so some window of per_seconds holds more than max_requests starts."""

EXPECT = "test_no_window_of_per_seconds_holds_more_than_max_requests_starts"
PATCH = [
    (
        """        async with self._lock:
            loop = asyncio.get_running_loop()
            while True:
                now = loop.time()
                while self._starts and now - self._starts[0] >= self._period:
                    self._starts.popleft()
                if len(self._starts) < self._limit:
                    self._starts.append(now)
                    return
                # period - age, not oldest + period - now: the same float expression as the test above, so
                # the wait is never rounded to zero while the test still fails.
                await asyncio.sleep(self._period - (now - self._starts[0]))""",
        """        async with self._lock:
            loop = asyncio.get_running_loop()
            rate = self._limit / self._period
            if not hasattr(self, "_tokens"):
                self._tokens, self._last = float(self._limit), loop.time()
            while True:
                now = loop.time()
                self._tokens = min(self._limit, self._tokens + (now - self._last) * rate)
                self._last = now
                if self._tokens >= 1:
                    self._tokens -= 1
                    return
                await asyncio.sleep((1 - self._tokens) / rate)""",
    )
]
