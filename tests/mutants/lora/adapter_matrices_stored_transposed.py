"""A and B are kept transposed, A (in, r) and B (r, out), as in x @ A @ B: the shapes the statement names are broken."""

EXPECT = "test_a_starts_small_and_random_from_rng_and_b_starts_at_zero"
PATCH = [("        self.A = rng.uniform(-bound, bound, size=(r, in_features)).astype(self.weight.dtype)\n"
          "        self.B = np.zeros((out_features, r), dtype=self.weight.dtype)",
          "        self.A = rng.uniform(-bound, bound, size=(in_features, r)).astype(self.weight.dtype)\n"
          "        self.B = np.zeros((r, out_features), dtype=self.weight.dtype)"),
         ("            y = y + self.scaling * ((x @ self.A.T) @ self.B.T)", "            y = y + self.scaling * ((x @ self.A) @ self.B)"),
         ("        self.weight += self.scaling * (self.B @ self.A)", "        self.weight += self.scaling * (self.A @ self.B).T"),
         ("        self.weight -= self.scaling * (self.B @ self.A)", "        self.weight -= self.scaling * (self.A @ self.B).T")]
