"""A random number is drawn before looking at the jitter kind, so "none" calls rng too (and wastes a draw)."""

EXPECT = "test_rng_is_called_once_per_delay_and_never_for_none"
PATCH = [("""        if policy.jitter == "none":
            delay = cap
        elif policy.jitter == "full":
            delay = self._rng() * cap""", """        r = self._rng()
        if policy.jitter == "none":
            delay = cap
        elif policy.jitter == "full":
            delay = r * cap""")]
