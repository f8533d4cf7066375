"""The padding mask is broadcast along the query axis, (batch, 1, seq, 1), so it hides padded queries, not keys."""

EXPECT = "test_padded_keys_do_not_change_the_output"
PATCH = [("        keys = ~np.asarray(key_padding_mask, dtype=bool)[:, None, None, :]",
          "        keys = ~np.asarray(key_padding_mask, dtype=bool)[:, None, :, None]")]
