"""The sampler is given the softmax of the logits, not the logits."""

EXPECT = "test_the_sampler_receives_each_steps_logits_and_chooses_the_token"
PATCH = [
    ('int(sampler(logits[-1]))',
     'int(sampler(np.exp(logits[-1] - logits[-1].max()) / np.exp(logits[-1] - logits[-1].max()).sum()))'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["probabilities"]
