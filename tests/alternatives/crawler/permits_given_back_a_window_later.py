"""A pool of workers on a deque with a condition variable, and a rate limit with no clock arithmetic at all:
a semaphore of max_requests permits, each given back per_seconds after the call that took it started
(loop.call_later). A permit is free exactly when the window has room, so calls start as soon as the limit
allows. wait_for for the timeouts; a URL waiting out its backoff keeps its worker."""


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
    loop = asyncio.get_running_loop()
    permits = asyncio.Semaphore(max_requests)
    frontier: deque[tuple[str, int]] = deque()
    changed = asyncio.Condition()
    busy = [0]
    seen: set[str] = set()
    results: dict[str, CrawlResult] = {}

    def discover(url: str, depth: int) -> None:
        if url not in seen and len(seen) < max_pages:
            seen.add(url)
            frontier.append((url, depth))

    async def one_call(url: str) -> Page:
        # A call holds one of max_requests permits for per_seconds from its start: a call may start only while
        # fewer than max_requests calls started in the last per_seconds, which is the sliding window itself.
        await permits.acquire()
        loop.call_later(per_seconds, permits.release)
        return await asyncio.wait_for(fetch(url), timeout)

    async def worker() -> None:
        while True:
            async with changed:
                await changed.wait_for(lambda: frontier or not busy[0])
                if not frontier:
                    changed.notify_all()
                    return
                url, depth = frontier.popleft()
                busy[0] += 1
            try:
                status = error = page = None
                for attempt in range(retries + 1):
                    if attempt:
                        await asyncio.sleep(0.1 * 2 ** (attempt - 1))
                    try:
                        page = await one_call(url)
                    except Exception as exc:
                        status, error, page = None, type(exc).__name__, None
                        continue
                    status, error = page.status, None
                    if status < 500:
                        break
                results[url] = CrawlResult(status, error, depth, attempt + 1)
                if page is not None and page.status < 400 and depth < max_depth:
                    for link in page.links:
                        target = urldefrag(urljoin(url, link)).url
                        if not same_host or urlsplit(target).hostname in hosts:
                            discover(target, depth + 1)
            finally:
                async with changed:
                    busy[0] -= 1
                    changed.notify_all()

    for url in starts:
        discover(url, 0)
    workers = [asyncio.create_task(worker()) for _ in range(concurrency)]
    try:
        await asyncio.gather(*workers)
    finally:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
    return results
