"""The workers are cancelled but not awaited: when crawl returns they are still pending, their
cancellation not yet delivered (and a worker whose clean-up awaits something would run on after crawl)."""

EXPECT = "test_no_task_is_left_running_when_the_crawl_returns"
PATCH = [("        await asyncio.gather(*workers, return_exceptions=True)\n", "")]
