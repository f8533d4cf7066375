"""The workers are never cancelled: crawl returns once the queue is done, leaving every worker waiting on
queue.get() forever."""

EXPECT = "test_no_task_is_left_running_when_the_crawl_returns"
PATCH = [
    ("""    try:
        await frontier.join()
    finally:
        # On return and on cancellation alike: no worker outlives the crawl.
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
""", """    await frontier.join()
"""),
]
