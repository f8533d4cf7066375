"""Depth off by one: links are followed only while depth + 1 < max_depth, so pages at depth max_depth are
never fetched (max_depth treated as exclusive)."""

EXPECT = "test_nothing_deeper_than_max_depth_is_fetched"
PATCH = [("page.status < 400 and depth < max_depth:", "page.status < 400 and depth + 1 < max_depth:")]
