"""`if eos and token == eos`: token 0 as eos is falsy, so it never stops the loop."""

EXPECT = "test_generation_stops_after_eos_and_returns_it"
PATCH = [
    ('        if token == eos:',
     '        if eos and token == eos:'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["went on after eos=0"]
