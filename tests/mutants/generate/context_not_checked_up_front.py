"""No context check in generate: the error comes only when a step needs a position past max_len, after the model ran (or never, when the last token is the one that would not fit)."""

EXPECT = "test_arguments_are_checked_before_the_model_runs"
PATCH = [
    ('    if len(prompt) + max_new_tokens > weights.max_len:\n        raise ValueError(f"{len(prompt)} prompt tokens + {max_new_tokens} new tokens do not fit a context of "\n                         f"max_len={weights.max_len}")\n',
     ''),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
