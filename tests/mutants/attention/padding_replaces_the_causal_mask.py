"""When a padding mask is given it replaces the causal mask instead of combining with it."""

EXPECT = "test_causal_and_padding_masks_combine"
PATCH = [("        allowed = keys if allowed is None else allowed & keys", "        allowed = keys")]
