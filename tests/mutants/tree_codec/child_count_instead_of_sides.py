"""Each node records how many children it has, not which: a lone left child comes back as a right child."""

EXPECT = "test_a_lone_child_stays_on_its_side"
BASE = "alternatives/tree_codec/child_flags.py"
PATCH = [
    (
        '_FLAGS = {(False, False): "n", (True, False): "l", (False, True): "r", (True, True): "b"}',
        '_FLAGS = {(False, False): "0", (True, False): "1", (False, True): "1", (True, True): "2"}',
    ),
    ("            raise ValueError(f\"a word must start with one of 'nlrb': {word!r}\")",
     "            raise ValueError(f\"a word must start with 0, 1 or 2: {word!r}\")"),
]
