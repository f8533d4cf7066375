"""Rate limiting by batches: up to min(concurrency, max_requests) calls at a time, then a fixed sleep of
per_seconds before the next batch, whether the window needs it or not. No window is ever over the limit,
but the crawl is needlessly slow: a batch smaller than max_requests still costs a whole window."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import urldefrag, urljoin, urlsplit

EXPECT = "test_an_instant_web_is_crawled_on_the_fastest_schedule_the_limit_allows"


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
    frontier: deque[tuple[str, int]] = deque()
    seen: set[str] = set()
    results: dict[str, CrawlResult] = {}

    def discover(url: str, depth: int) -> None:
        if url not in seen and len(seen) < max_pages:
            seen.add(url)
            frontier.append((url, depth))

    async def fetch_with_retries(url: str):
        status = error = page = None
        attempt = 0
        for attempt in range(1, retries + 2):
            if attempt > 1:
                await asyncio.sleep(0.1 * 2 ** (attempt - 2))
            try:
                page = await asyncio.wait_for(fetch(url), timeout)
            except Exception as exc:
                status, error, page = None, type(exc).__name__, None
            else:
                status, error = page.status, None
                if status < 500:
                    break
        return status, error, attempt, page

    for url in starts:
        discover(url, 0)
    while frontier:
        batch = [frontier.popleft() for _ in range(min(concurrency, max_requests, len(frontier)))]
        outcomes = await asyncio.gather(*(fetch_with_retries(url) for url, _ in batch))
        for (url, depth), (status, error, attempts, page) in zip(batch, outcomes):
            results[url] = CrawlResult(status, error, depth, attempts)
            if page is not None and page.status < 400 and depth < max_depth:
                for link in page.links:
                    absolute = urldefrag(urljoin(url, link)).url
                    if not same_host or urlsplit(absolute).hostname in hosts:
                        discover(absolute, depth + 1)
        if frontier:
            await asyncio.sleep(per_seconds)
    return results
