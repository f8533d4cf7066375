"""The cache is read before the new key and value are appended, so a new token attends to the earlier positions only."""

EXPECT = "test_a_new_token_attends_to_itself_and_to_every_cached_position"
PATCH = [
    ('    cache.append(x @ weights.w_k, x @ weights.w_v)\n    scores = q @ cache.keys.T',
     '    keys, values = cache.keys, cache.values\n    cache.append(x @ weights.w_k, x @ weights.w_v)\n    scores = q @ keys.T'),
    ('visible = np.arange(start + n)[None, :] <= np.arange(start, start + n)[:, None]',
     'visible = np.arange(start)[None, :] < np.arange(start, start + n)[:, None]'),
    ('attention @ cache.values @',
     'attention @ values @'),
]
SAYS = ["attends to itself"]
