"""The unmerged forward multiplies x by weight + (alpha / r) * B @ A, building an out x in matrix on every call."""

EXPECT = "test_the_unmerged_forward_never_builds_the_out_by_in_update"
PATCH = [("        y = x @ self.weight.T\n        if self.bias is not None:\n            y = y + self.bias\n"
          "        if not self.merged:\n            # Two thin products, O(n * r * (in + out)): never B @ A, a full out x in matrix.\n"
          "            y = y + self.scaling * ((x @ self.A.T) @ self.B.T)\n",
          "        weight = self.weight if self.merged else self.weight + self.scaling * (self.B @ self.A)\n"
          "        y = x @ weight.T\n        if self.bias is not None:\n            y = y + self.bias\n")]
BEYOND_THE_MODEL = "speed: the outputs are right, only the cost per call is wrong"
