"""use_cache=False is ignored: generation always reuses the cache."""

EXPECT = "test_without_the_cache_each_step_recomputes_the_whole_sequence"
PATCH = [
    ('        if use_cache:\n            logits = _forward(pending, cache, weights)\n        else:\n            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)',
     '        logits = _forward(pending, cache, weights)'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["whole sequence"]
