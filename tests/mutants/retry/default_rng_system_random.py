"""retry's rng defaults to random.SystemRandom().random instead of random.random: the delays are still random,
but random.seed cannot replay them."""

EXPECT = "test_jitter_defaults_to_full_and_rng_to_random_random"
PATCH = [("    sleep: Callable[[float], Any] = time.sleep,\n    rng: Callable[[], float] = random.random,\n",
          "    sleep: Callable[[float], Any] = time.sleep,\n    rng: Callable[[], float] = random.SystemRandom().random,\n")]
SAYS = ["rng is random.random"]
