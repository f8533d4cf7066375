"""A single worker takes URLs from the queue: the crawl respects the concurrency cap by never running two
calls at once, so it is as slow as a sequential loop."""

EXPECT = "test_the_concurrency_cap_is_used_not_just_respected"
PATCH = [("workers = [asyncio.create_task(worker()) for _ in range(concurrency)]",
          "workers = [asyncio.create_task(worker())]")]
