"""Breadth-first by levels, each level fetched with one asyncio.gather: the rate limit is applied, but
nothing caps the calls in flight, so a wide level runs far more than `concurrency` calls at once."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import urldefrag, urljoin, urlsplit

EXPECT = "test_no_more_than_concurrency_calls_are_in_flight"


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
    def __init__(self, limit: int, period: float) -> None:
        self._limit = limit
        self._period = period
        self._starts: deque[float] = deque()
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
    seen: set[str] = set()
    results: dict[str, CrawlResult] = {}

    async def fetch_with_retries(url: str):
        status = error = page = None
        attempt = 0
        for attempt in range(1, retries + 2):
            if attempt > 1:
                await asyncio.sleep(0.1 * 2 ** (attempt - 2))
            await limiter.acquire()
            try:
                page = await asyncio.wait_for(fetch(url), timeout)
            except Exception as exc:
                status, error, page = None, type(exc).__name__, None
            else:
                status, error = page.status, None
                if status < 500:
                    break
        return status, error, attempt, page

    level = []
    for url in starts:
        if url not in seen and len(seen) < max_pages:
            seen.add(url)
            level.append(url)
    depth = 0
    while level:
        outcomes = await asyncio.gather(*(fetch_with_retries(url) for url in level))
        next_level = []
        for url, (status, error, attempts, page) in zip(level, outcomes):
            results[url] = CrawlResult(status, error, depth, attempts)
            if page is None or page.status >= 400 or depth >= max_depth:
                continue
            for link in page.links:
                absolute = urldefrag(urljoin(url, link)).url
                if same_host and urlsplit(absolute).hostname not in hosts:
                    continue
                if absolute not in seen and len(seen) < max_pages:
                    seen.add(absolute)
                    next_level.append(absolute)
        level = next_level
        depth += 1
    return results
