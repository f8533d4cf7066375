"""sample draws one uniform for the whole batch, so every row with the same logits gets the same token."""

EXPECT = "test_batched_rows_are_drawn_independently"
PATCH = [("        uniform = rng.random(cumulative.shape[:-1] + (1,))", "        uniform = rng.random()")]
SAYS = ['not drawn independently']
