"""After a prefill of the whole prompt, the first step feeds the last prompt token again: every new token sits one position late."""

EXPECT = "test_the_prompt_is_computed_once"
PATCH = [
    ('    pending = list(prompt)  # what the model has not seen yet: the whole prompt at first (the prefill)',
     '    _forward(list(prompt), cache, weights)  # the prefill\n    pending = [prompt[-1]]'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["computed again"]
