"""Greedy decoding takes the last index of an ascending argsort, which breaks ties toward the highest id."""

EXPECT = "test_greedy_ties_go_to_the_lowest_token_id"
PATCH = [
    ('int(np.argmax(logits[-1]))',
     'int(np.argsort(logits[-1])[-1])'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["lowest id"]
