"""softmax only rejects negative temperatures, so temperature 0 divides by zero and returns NaN."""

EXPECT = "test_softmax_rejects_a_temperature_of_zero_or_below"
PATCH = [("    if not temperature > 0:\n        raise ValueError(f\"temperature must be > 0",
          "    if temperature < 0:\n        raise ValueError(f\"temperature must be > 0")]
