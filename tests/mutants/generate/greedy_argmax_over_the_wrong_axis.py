"""Greedy decoding takes the argmax over the positions axis of the (n, vocab) logits, then its last entry."""

EXPECT = "test_greedy_generation_takes_the_argmax_at_every_step"
PATCH = [
    ('int(np.argmax(logits[-1]))',
     'int(np.argmax(logits, axis=0)[-1])'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
