"""An empty prompt is not checked: the prefill has no position to take logits from."""

EXPECT = "test_arguments_are_checked_before_the_model_runs"
PATCH = [
    ('    if not prompt:\n        raise ValueError("the prompt must hold at least one token")\n',
     ''),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
