"""top-p accepts p = 0 (0 <= p), which removes every token."""

EXPECT = "test_bad_k_or_p_is_rejected"
PATCH = [("    if not 0 < p <= 1:\n        raise ValueError(f\"p must be", "    if not 0 <= p <= 1:\n        raise ValueError(f\"p must be")]
