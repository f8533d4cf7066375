"""The update is scaled by alpha alone, forgetting the division by r."""

EXPECT = "test_forward_adds_the_update_scaled_by_alpha_over_r"
PATCH = [("        self.scaling = alpha / r", "        self.scaling = alpha")]
SAYS = ["scaled by alpha instead of alpha / r"]
