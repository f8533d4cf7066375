"""Links are used as they are written, never resolved with urljoin: a relative link such as 'a' has no host, so
same_host drops it (and with same_host=False it would be fetched as the bare string 'a')."""

EXPECT = "test_pages_are_fetched_breadth_first_in_discovery_order"
PATCH = [("absolute = urldefrag(urljoin(url, link)).url", "absolute = urldefrag(link).url")]
SAYS = ["fetch was never called with", "urljoin"]
NOT_SAYS = ["FIFO"]
