"""The step appends its key and value before attending, then "updates the cache" again at the end: two rows per position."""

EXPECT = "test_each_step_adds_exactly_one_position_to_the_cache"
PATCH = [
    ('    h = x + attention @ cache.values @ weights.w_o\n    return h @ weights.w_out',
     '    h = x + attention @ cache.values @ weights.w_o\n    cache.append(x @ weights.w_k, x @ weights.w_v)  # update the cache\n    return h @ weights.w_out'),
]
SAYS = ["exactly one position"]
