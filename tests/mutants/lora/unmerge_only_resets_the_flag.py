"""unmerge() sets merged to False but leaves the update in weight, so it is then counted twice."""

EXPECT = "test_unmerging_restores_the_weight"
PATCH = [("        self.weight -= self.scaling * (self.B @ self.A)\n", "")]
SAYS = ["unmerge must subtract"]
