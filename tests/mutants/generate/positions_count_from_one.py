"""Positions are counted from 1: the first token is embedded at position 1, each token one position late."""

EXPECT = "test_step_logits_match_the_full_forward_pass"
PATCH = [
    ('x = weights.embed(tokens, np.arange(start, start + n))',
     'x = weights.embed(tokens, np.arange(start + 1, start + n + 1))'),
]
SAYS = ["positions count from 0"]
