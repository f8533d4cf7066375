"""top-k sets -inf in the caller's array: np.asarray returns the same float64 array, and there is no copy."""

EXPECT = "test_no_function_modifies_its_input"
PATCH = [("    filtered = logits.copy()\n    # Slicing past the end", "    filtered = logits\n    # Slicing past the end")]
