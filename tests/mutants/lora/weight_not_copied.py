"""The constructor keeps the caller's weight array itself, so merge() modifies the caller's array in place."""

EXPECT = "test_the_callers_arrays_are_never_modified"
PATCH = [("        self.weight = np.array(weight, copy=True)", "        self.weight = weight")]
SAYS = ["own copy of weight"]
