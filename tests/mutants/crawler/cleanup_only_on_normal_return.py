"""The workers are cancelled after the queue is done, but not in a finally block: when the crawl itself is
cancelled, its workers keep crawling."""

EXPECT = "test_cancelling_a_crawl_stops_every_task_it_started"
PATCH = [
    ("""    try:
        await frontier.join()
    finally:
        # On return and on cancellation alike: no worker outlives the crawl.
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
""", """    await frontier.join()
    for task in workers:
        task.cancel()
    await asyncio.gather(*workers, return_exceptions=True)
"""),
]
