"""A copy-paste slip: the cache is given the keys twice, append(x @ w_k, x @ w_k)."""

EXPECT = "test_each_step_adds_exactly_one_position_to_the_cache"
PATCH = [
    ('cache.append(x @ weights.w_k, x @ weights.w_v)',
     'cache.append(x @ weights.w_k, x @ weights.w_k)'),
]
SAYS = ["holds the keys"]
