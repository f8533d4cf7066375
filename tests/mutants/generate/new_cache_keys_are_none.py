"""A new cache starts from None rather than from empty (0, d_model) arrays."""

EXPECT = "test_a_new_cache_holds_no_position"
PATCH = [
    ('        self.keys = np.zeros((0, d_model))\n        self.values = np.zeros((0, d_model))',
     '        self.keys = None\n        self.values = None'),
    ('        self.keys = np.concatenate([self.keys, k])\n        self.values = np.concatenate([self.values, v])',
     '        self.keys = k if self.keys is None else np.concatenate([self.keys, k])\n        self.values = v if self.values is None else np.concatenate([self.values, v])'),
    ('        return len(self.keys)',
     '        return 0 if self.keys is None else len(self.keys)'),
]
