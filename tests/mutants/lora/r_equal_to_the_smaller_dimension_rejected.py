"""The rank check uses < instead of <=, rejecting r = min(in_features, out_features), a valid rank."""

EXPECT = "test_r_must_be_between_one_and_the_smaller_dimension"
PATCH = [("        if not 0 < r <= min(in_features, out_features):", "        if not 0 < r < min(in_features, out_features):")]
