"""Links are followed from every page that returned, 404 and 410 included."""

EXPECT = "test_links_are_followed_only_from_pages_below_400"
PATCH = [("if page is not None and page.status < 400 and depth < max_depth:",
          "if page is not None and depth < max_depth:")]
