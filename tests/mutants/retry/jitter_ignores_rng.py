"""Every jitter kind waits the plain capped delay: rng is never called, so many clients retry in lockstep."""

EXPECT = "test_full_jitter_scales_the_capped_delay_by_rng"
PATCH = [("""        if policy.jitter == "none":
            delay = cap
        elif policy.jitter == "full":
            delay = self._rng() * cap
        elif policy.jitter == "equal":
            delay = cap / 2 + self._rng() * cap / 2
        else:
            # Decorrelated jitter grows from the previous delay, not from k, so it ignores the cap above.
            spread = 3 * self._previous - policy.base_delay
            delay = min(policy.max_delay, policy.base_delay + self._rng() * spread)
""", """        delay = cap
""")]
