"""A and B both start at zero: the fresh layer is right, but no gradient could ever reach the adapter."""

EXPECT = "test_a_starts_small_and_random_from_rng_and_b_starts_at_zero"
PATCH = [("        self.A = rng.uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)",
          "        self.A = np.zeros((r, in_features), dtype=self.weight.dtype)")]
BEYOND_THE_MODEL = "initialisation: the model test assigns A and B itself before they matter"
