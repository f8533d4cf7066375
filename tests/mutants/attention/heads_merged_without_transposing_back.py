"""The heads' outputs are reshaped to (batch, seq, d_model) without first swapping the heads and seq axes back."""

EXPECT = "test_multi_head_attention_matches_the_definition"
PATCH = [("    concatenated = heads.transpose(0, 2, 1, 3).reshape(batch, seq, d_model)",
          "    concatenated = heads.reshape(batch, seq, d_model)")]
