"""The loop runs max_new_tokens + 1 times."""

EXPECT = "test_max_new_tokens_is_the_number_of_tokens_without_eos"
PATCH = [
    ('    for _ in range(max_new_tokens):',
     '    for _ in range(max_new_tokens + 1):'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
