"""`in` looks the key up with [] instead of membership, so asking about a missing key raises KeyError."""

EXPECT = "test_cache_behaves_like_a_model_under_random_operations"
PATCH = [("        return key in self._nodes", "        return self._nodes[key] is not None")]
# The exception must not drop the rule: the learner reads what `in` should have given, and why.
SAYS = ["raised KeyError", "Expected False", "was never put"]
