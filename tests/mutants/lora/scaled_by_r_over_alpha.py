"""The scaling is written upside down: r / alpha instead of alpha / r."""

EXPECT = "test_forward_adds_the_update_scaled_by_alpha_over_r"
PATCH = [("        self.scaling = alpha / r", "        self.scaling = r / alpha")]
SAYS = ["scaled by r / alpha instead of alpha / r"]
