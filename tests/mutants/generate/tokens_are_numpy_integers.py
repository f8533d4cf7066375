"""Greedy tokens are returned as np.int64, not Python ints."""

EXPECT = "test_greedy_generation_takes_the_argmax_at_every_step"
PATCH = [
    ('int(np.argmax(logits[-1]))',
     'np.argmax(logits[-1])'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["Python int"]
