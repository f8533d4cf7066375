"""The attention scores are q @ K.T, without the division by sqrt(d_model)."""

EXPECT = "test_step_logits_match_the_full_forward_pass"
PATCH = [
    ('scores = q @ cache.keys.T / np.sqrt(weights.d_model)',
     'scores = q @ cache.keys.T'),
]
SAYS = ["sqrt(d_model)"]
