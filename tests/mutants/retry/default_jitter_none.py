"""RetryPolicy's jitter defaults to "none" instead of "full": by default every client retries in lockstep."""

EXPECT = "test_jitter_defaults_to_full_and_rng_to_random_random"
PATCH = [('    jitter: str = "full"\n', '    jitter: str = "none"\n')]
SAYS = ["jitter defaults to 'full'"]
