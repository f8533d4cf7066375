"""A is drawn from a newly made unseeded generator instead of the rng argument, so a seed no longer reproduces the layer."""

EXPECT = "test_a_starts_small_and_random_from_rng_and_b_starts_at_zero"
PATCH = [("        self.A = rng.uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)",
          "        self.A = np.random.default_rng().uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)")]
BEYOND_THE_MODEL = "initialisation: the model test assigns A and B itself, so where A came from never shows"
