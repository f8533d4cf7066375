"""The sampler is called, but the token kept is the argmax."""

EXPECT = "test_the_sampler_receives_each_steps_logits_and_chooses_the_token"
PATCH = [
    ('        token = int(sampler(logits[-1])) if sampler is not None else int(np.argmax(logits[-1]))  # argmax: first max',
     '        if sampler is not None:\n            sampler(logits[-1])\n        token = int(np.argmax(logits[-1]))'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
