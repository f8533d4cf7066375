"""merge() adds B @ A without the alpha / r scaling, so the merged layer computes something else."""

EXPECT = "test_merging_keeps_the_outputs"
PATCH = [("        self.weight += self.scaling * (self.B @ self.A)", "        self.weight += self.B @ self.A"),
         ("        self.weight -= self.scaling * (self.B @ self.A)", "        self.weight -= self.B @ self.A")]
SAYS = ["without its scaling"]
