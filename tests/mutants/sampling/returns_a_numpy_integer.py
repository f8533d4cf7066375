"""For 1-D logits sample returns a NumPy integer (np.int64), not a Python int."""

EXPECT = "test_one_dimensional_logits_give_an_int_and_batches_an_array"
PATCH = [("    return int(tokens) if logits.ndim == 1 else tokens", "    return tokens[()] if logits.ndim == 1 else tokens")]
