"""B is drawn at random like A, so a fresh adapter already changes the layer's output."""

EXPECT = "test_a_fresh_adapter_equals_the_base_layer"
PATCH = [("        self.B = np.zeros((out_features, r), dtype=self.weight.dtype)",
          "        self.B = rng.uniform(-bound, bound, size=(out_features, r)).astype(self.weight.dtype)")]
SAYS = ["B starts at zero"]
