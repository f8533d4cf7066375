"""use_cache is ignored: every step runs the whole sequence through the model, as if there were no cache."""

EXPECT = "test_the_prompt_is_computed_once"
PATCH = [
    ('        if use_cache:\n            logits = _forward(pending, cache, weights)\n        else:\n            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)',
     '        logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["once, in the prefill"]
