"""decode_step returns the (1, vocab) logits of its one position instead of a (vocab,) vector."""

EXPECT = "test_step_logits_match_the_full_forward_pass"
PATCH = [
    ('    return _forward([token], cache, weights)[0]',
     '    return _forward([token], cache, weights)'),
]
