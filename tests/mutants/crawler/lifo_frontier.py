"""The frontier is a stack (asyncio.LifoQueue): the most recently discovered URL is fetched first, a
depth-first crawl instead of a breadth-first one."""

EXPECT = "test_pages_are_fetched_breadth_first_in_discovery_order"
PATCH = [("frontier: asyncio.Queue[tuple[str, int]] = asyncio.Queue()",
          "frontier: asyncio.Queue[tuple[str, int]] = asyncio.LifoQueue()")]
SAYS = ["right URLs in the wrong order", "FIFO"]
NOT_SAYS = ["urljoin", "should not be fetched", "should be fetched"]
