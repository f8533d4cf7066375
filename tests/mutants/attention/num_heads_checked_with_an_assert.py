"""num_heads is checked with `assert d_model % num_heads == 0`: AssertionError, and ZeroDivisionError for 0."""

EXPECT = "test_num_heads_must_be_a_positive_divisor_of_d_model"
PATCH = [("    if num_heads < 1 or d_model % num_heads != 0:\n"
          '        raise ValueError(f"num_heads must be a positive divisor of d_model={d_model}, got {num_heads}")',
          "    assert d_model % num_heads == 0")]
