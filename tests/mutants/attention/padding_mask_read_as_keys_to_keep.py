"""key_padding_mask is used as it is, as if True meant "may attend", instead of PyTorch's True = padding."""

EXPECT = "test_padded_keys_do_not_change_the_output"
PATCH = [("        keys = ~np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]",
          "        keys = np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]")]
