"""Async crawler: worker tasks on a FIFO queue, a sliding-window rate limiter, wait_for timeouts, retries."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import urldefrag, urljoin, urlsplit


@dataclass(frozen=True)
class Page:
    """What fetch(url) returns."""

    url: str
    status: int
    links: list[str]


@dataclass
class CrawlResult:
    """How fetching one URL ended."""

    status: int | None
    error: str | None
    depth: int
    attempts: int


class _SlidingWindow:
    """At most `limit` acquisitions within any `period` seconds: remembers the last `limit` start times."""

    def __init__(self, limit: int, period: float) -> None:
        self._limit = limit
        self._period = period
        self._starts: deque[float] = deque()
        # One waiter at a time, in arrival order, so calls start in the order they were queued.
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            loop = asyncio.get_running_loop()
            while True:
                now = loop.time()
                while self._starts and now - self._starts[0] >= self._period:
                    self._starts.popleft()
                if len(self._starts) < self._limit:
                    self._starts.append(now)
                    return
                # period - age, not oldest + period - now: the same float expression as the test above, so
                # the wait is never rounded to zero while the test still fails.
                await asyncio.sleep(self._period - (now - self._starts[0]))


async def crawl(
    start: str | list[str],
    fetch: Callable[[str], Awaitable[Page]],
    *,
    max_pages: int = 100,
    max_depth: int = 3,
    concurrency: int = 5,
    max_requests: int = 10,
    per_seconds: float = 1.0,
    timeout: float = 10.0,
    retries: int = 2,
    same_host: bool = True,
) -> dict[str, CrawlResult]:
    """Crawl breadth-first from start (one URL or a list) and return a CrawlResult for every URL fetched."""
    starts = [start] if isinstance(start, str) else list(start)
    hosts = {urlsplit(url).hostname for url in starts}
    limiter = _SlidingWindow(max_requests, per_seconds)
    frontier: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
    seen: set[str] = set()
    results: dict[str, CrawlResult] = {}

    def discover(url: str, depth: int) -> None:
        # Every URL queued is fetched, so counting at discovery caps the URLs fetched at max_pages.
        if url not in seen and len(seen) < max_pages:
            seen.add(url)
            frontier.put_nowait((url, depth))

    async def fetch_with_retries(url: str) -> tuple[int | None, str | None, int, Page | None]:
        status: int | None = None
        error: str | None = None
        page: Page | None = None
        attempt = 0
        for attempt in range(1, retries + 2):
            if attempt > 1:
                await asyncio.sleep(0.1 * 2 ** (attempt - 2))
            await limiter.acquire()
            try:
                page = await asyncio.wait_for(fetch(url), timeout)
            except Exception as exc:  # a timeout or whatever the page raised: a failed attempt, never a crash
                status, error, page = None, type(exc).__name__, None
            else:
                status, error = page.status, None
                if status < 500:
                    break
        return status, error, attempt, page

    async def worker() -> None:
        while True:
            url, depth = await frontier.get()
            try:
                status, error, attempts, page = await fetch_with_retries(url)
                results[url] = CrawlResult(status, error, depth, attempts)
                if page is not None and page.status < 400 and depth < max_depth:
                    for link in page.links:
                        absolute = urldefrag(urljoin(url, link)).url
                        if not same_host or urlsplit(absolute).hostname in hosts:
                            discover(absolute, depth + 1)
            finally:
                frontier.task_done()

    for url in starts:
        discover(url, 0)
    # One worker per concurrency slot: each has at most one call in flight, retries included.
    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        await frontier.join()
    finally:
        # On return and on cancellation alike: no worker outlives the crawl.
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return results
