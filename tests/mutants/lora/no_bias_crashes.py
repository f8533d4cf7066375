"""forward() adds self.bias unconditionally, so a layer built with bias=None raises TypeError."""

EXPECT = "test_a_fresh_adapter_equals_the_base_layer"
PATCH = [("        if self.bias is not None:\n            y = y + self.bias", "        y = y + self.bias")]
