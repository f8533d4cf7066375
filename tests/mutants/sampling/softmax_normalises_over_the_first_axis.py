"""softmax divides by the sum over axis 0: right for 1-D logits, wrong as soon as there is a batch axis."""

EXPECT = "test_softmax_matches_the_definition_on_any_batch_shape"
PATCH = [("    return weights / weights.sum(axis=-1, keepdims=True)", "    return weights / weights.sum(axis=0, keepdims=True)")]
SAYS = ['LAST axis']
