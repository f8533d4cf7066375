"""No check of r at all: r = 0 fails with ZeroDivisionError, and a rank above min(in, out) is accepted."""

EXPECT = "test_r_must_be_between_one_and_the_smaller_dimension"
PATCH = [("        if not 0 < r <= min(in_features, out_features):\n            raise ValueError", "        if False:\n            raise ValueError")]
BEYOND_THE_MODEL = "validation: the model test only builds layers with a valid r"
