"""The step attends over the cached keys plus its own, but never stores its key and value in the cache."""

EXPECT = "test_each_step_adds_exactly_one_position_to_the_cache"
PATCH = [
    ('    cache.append(x @ weights.w_k, x @ weights.w_v)\n',
     '    keys, values = np.concatenate([cache.keys, x @ weights.w_k]), np.concatenate([cache.values, x @ weights.w_v])\n'),
    ('scores = q @ cache.keys.T',
     'scores = q @ keys.T'),
    ('attention @ cache.values @',
     'attention @ values @'),
]
