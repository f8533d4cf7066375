"""scan_by_prefix keeps every field that contains the prefix anywhere, not just at the start."""

EXPECT = "test_scan_by_prefix_keeps_only_fields_that_start_with_the_prefix"
PATCH = [("if field.startswith(prefix)]", "if prefix in field]")]
SAYS = ["does not start with"]
