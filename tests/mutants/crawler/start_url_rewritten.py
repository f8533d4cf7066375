"""The start URLs are normalized before the crawl (a trailing slash stripped, to dedupe 'http://a.test' and
'http://a.test/'), so the crawl fetches 'http://a.test' where it was given 'http://a.test/'."""

EXPECT = "test_pages_are_fetched_breadth_first_in_discovery_order"
PATCH = [("    starts = [start] if isinstance(start, str) else list(start)\n",
          "    starts = [url.rstrip(\"/\") for url in ([start] if isinstance(start, str) else list(start))]\n")]
SAYS = ["start URL", "as given"]
NOT_SAYS = ["FIFO"]
