"""The eos check comes before the append, so a generated eos ends the loop but is not returned."""

EXPECT = "test_generation_stops_after_eos_and_returns_it"
PATCH = [
    ('        new.append(token)\n        if token == eos:\n            break',
     '        if token == eos:\n            break\n        new.append(token)'),
]
BEYOND_THE_MODEL = "loop: the model test drives KVCache and decode_step, not generate"
SAYS = ["eos itself is returned"]
