"""Equal jitter adds two half-size draws instead of a fixed half plus one draw: rng is called twice per delay."""

EXPECT = "test_rng_is_called_once_per_delay_and_never_for_none"
PATCH = [("            delay = cap / 2 + self._rng() * cap / 2",
          "            delay = self._rng() * cap / 2 + self._rng() * cap / 2")]
