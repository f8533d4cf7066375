"""A and B swap roles at initialisation (A zero, B random): the update still starts at 0, but not as the statement says."""

EXPECT = "test_a_starts_small_and_random_from_rng_and_b_starts_at_zero"
PATCH = [("        self.A = rng.uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)\n"
          "        self.B = np.zeros((out_features, r), dtype=self.weight.dtype)",
          "        self.A = np.zeros((r, in_features), dtype=self.weight.dtype)\n"
          "        self.B = rng.uniform(-bound, bound, size=(out_features, r)).astype(self.weight.dtype)")]
BEYOND_THE_MODEL = "initialisation: the model test assigns A and B itself, and with A = 0 a fresh layer is still the base layer"
