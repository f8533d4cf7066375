"""The context check uses >=, so a generation that fills max_len exactly is refused."""

EXPECT = "test_arguments_are_checked_before_the_model_runs"
PATCH = [
    ('if len(prompt) + max_new_tokens > weights.max_len:',
     'if len(prompt) + max_new_tokens >= weights.max_len:'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
