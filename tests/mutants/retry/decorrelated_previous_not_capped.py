"""Decorrelated jitter remembers the delay before max_delay clipped it, so the next spread is too wide."""

EXPECT = "test_decorrelated_jitter_grows_from_the_previous_delay"
PATCH = [("""            delay = min(policy.max_delay, policy.base_delay + self._rng() * spread)
        self._previous = delay
        return delay""", """            raw = policy.base_delay + self._rng() * spread
            self._previous = raw
            return min(policy.max_delay, raw)
        self._previous = delay
        return delay""")]
