"""The loop feeds each new token right after appending it, so the last one is run through the model for logits nobody uses."""

EXPECT = "test_each_new_token_but_the_last_is_computed_once"
PATCH = [
    ('    for _ in range(max_new_tokens):\n        if use_cache:\n            logits = _forward(pending, cache, weights)\n        else:\n            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)\n        token',
     '    logits = _forward(pending, cache, weights)\n    for _ in range(max_new_tokens):\n        token'),
    ('        pending = [token]\n    return new',
     '        if use_cache:\n            logits = _forward([token], cache, weights)\n        else:\n            logits = _forward(list(prompt) + new, KVCache(weights.d_model), weights)\n    return new'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["except the last"]
