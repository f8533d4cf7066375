"""append replaces the cache's keys and values with the new rows instead of adding them after the old ones."""

EXPECT = "test_append_adds_rows_in_order"
PATCH = [
    ('        self.keys = np.concatenate([self.keys, k])\n        self.values = np.concatenate([self.values, v])',
     '        self.keys = k\n        self.values = v'),
]
