"""A few visible examples. Run them with `pytest katas/crawler`; `grade crawler` runs the hidden tests.

`run` runs a coroutine on a virtual clock: asyncio.sleep and timeouts take no real time, and
loop.time() is exact. `fake_fetch` serves a web described as a dict; the hidden tests print their
counterexamples in the same notation, so you can paste one here and replay it.
"""

import asyncio
from collections import Counter

import pytest

from crawler import CrawlResult, Page, crawl
from grader.harness.virtual_time import pending_tasks, run

A = "http://a.test"


def fake_fetch(web, latency=0.0, calls=None):
    """An async fetch over `web`, which maps each URL to one outcome or a list of them (one per attempt,
    the last repeats): (status, links) answers after `latency`, (status, links, seconds) after `seconds`,
    an exception class is raised, and 'hang' never answers. Other URLs answer (404, []).
    Each call appends (url, start time) to `calls` if given."""
    attempts = Counter()

    async def fetch(url):
        loop = asyncio.get_running_loop()
        if calls is not None:
            calls.append((url, loop.time()))
        attempts[url] += 1
        outcome = web.get(url, (404, []))
        if isinstance(outcome, list):
            outcome = outcome[min(attempts[url], len(outcome)) - 1]
        if outcome == "hang":
            await loop.create_future()  # nothing ever sets it
        delay = outcome[2] if isinstance(outcome, tuple) and len(outcome) == 3 else latency
        if delay:
            await asyncio.sleep(delay)
        if isinstance(outcome, type):
            raise outcome(url)
        return Page(url, outcome[0], list(outcome[1]))

    return fetch


def test_the_crawl_is_breadth_first_and_stops_at_max_depth():
    web = {
        f"{A}/": (200, ["a", "b"]),
        f"{A}/a": (200, ["a/deep"]),
        f"{A}/b": (200, ["/", "a"]),  # already seen: fetched once
        f"{A}/a/deep": (200, ["deeper"]),
    }
    calls = []
    result = run(crawl(f"{A}/", fake_fetch(web, calls=calls), max_depth=2, concurrency=1))
    assert [url for url, _ in calls] == [f"{A}/", f"{A}/a", f"{A}/b", f"{A}/a/deep"]
    assert result[f"{A}/a/deep"] == CrawlResult(status=200, error=None, depth=2, attempts=1)
    assert f"{A}/a/deeper" not in result


def test_links_are_resolved_fragments_dropped_and_other_hosts_skipped():
    web = {f"{A}/docs/": (200, ["intro#part-2", "../about", "#top", "http://b.test/"])}
    result = run(crawl(f"{A}/docs/", fake_fetch(web)))
    assert sorted(result) == [f"{A}/about", f"{A}/docs/", f"{A}/docs/intro"]
    assert result[f"{A}/about"].status == 404  # fetched; a 404 page's links would not be followed


def test_no_window_of_one_second_holds_more_than_max_requests_starts():
    web = {f"{A}/": (200, [f"p{i}" for i in range(24)])}
    calls = []

    async def main():
        await crawl(f"{A}/", fake_fetch(web, calls=calls), max_requests=10, per_seconds=1.0)
        return asyncio.get_running_loop().time()

    ended = run(main())
    starts = [t for _, t in calls]
    assert all(later - earlier >= 1.0 for earlier, later in zip(starts, starts[10:]))
    assert ended == 2.0  # 25 calls: 10 at t=0, 10 at t=1, 5 at t=2


def test_a_hanging_page_times_out_and_a_flaky_one_is_retried():
    web = {
        f"{A}/": (200, ["hangs", "flaky"]),
        f"{A}/hangs": "hang",
        f"{A}/flaky": [(503, []), ConnectionResetError, (200, [])],
    }
    calls = []
    result = run(crawl(f"{A}/", fake_fetch(web, calls=calls), timeout=2.0, retries=2))
    assert result[f"{A}/hangs"] == CrawlResult(status=None, error="TimeoutError", depth=1, attempts=3)
    assert result[f"{A}/flaky"] == CrawlResult(status=200, error=None, depth=1, attempts=3)
    flaky_starts = [t for url, t in calls if url == f"{A}/flaky"]
    assert flaky_starts == pytest.approx([0.0, 0.1, 0.3])  # waits 0.1 s, then 0.2 s


def test_no_task_is_left_behind():
    async def main():
        await crawl(f"{A}/", fake_fetch({f"{A}/": (200, ["a", "b"])}, latency=0.5), concurrency=4)
        return pending_tasks()

    assert run(main()) == []
