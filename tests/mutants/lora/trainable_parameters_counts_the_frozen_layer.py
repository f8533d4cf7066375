"""trainable_parameters() counts the frozen weight as well as A and B."""

EXPECT = "test_trainable_parameters_count_a_and_b_only"
PATCH = [("        return int(self.A.size + self.B.size)", "        return int(self.weight.size + self.A.size + self.B.size)")]
