"""The constructor accepts a capacity of 0 or less."""

EXPECT = "test_a_capacity_below_one_is_rejected"
PATCH = [("        if capacity < 1:\n            raise ValueError", "        if capacity < 0:\n            raise ValueError")]
BEYOND_THE_MODEL = "validation: the model only ever builds caches of capacity 1 to 3"
