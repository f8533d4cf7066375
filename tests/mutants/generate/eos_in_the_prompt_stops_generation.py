"""The loop stops when the sequence holds eos anywhere, so an eos in the prompt ends generation after one token."""

EXPECT = "test_eos_in_the_prompt_does_not_stop_generation"
PATCH = [
    ('        if token == eos:',
     '        if eos in list(prompt) + new:'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
