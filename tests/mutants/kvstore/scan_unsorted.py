"""Scans list the fields in insertion order (the dict's order) instead of sorting them by field."""

EXPECT = "test_scan_lists_every_field_sorted_by_field"
PATCH = [("for field in sorted(live) if field.startswith(prefix)", "for field in live if field.startswith(prefix)")]
SAYS = ["wrong order"]
