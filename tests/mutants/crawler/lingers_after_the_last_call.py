"""After the queue is done, crawl sleeps 0.1 s "to let the workers settle" before cancelling them: every crawl
returns a tenth of a second after its last call, for nothing."""

EXPECT = "test_an_instant_web_is_crawled_on_the_fastest_schedule_the_limit_allows"
PATCH = [("        await frontier.join()\n    finally:\n",
          "        await frontier.join()\n        await asyncio.sleep(0.1)  # let the workers settle\n    finally:\n")]
SAYS = ["crawl returned only at"]
