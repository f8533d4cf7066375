"""A task per URL in an asyncio.TaskGroup, a semaphore for the concurrency cap, asyncio.timeout (both
Python 3.11+), and a rate limiter written the way most people write it: sleep `oldest + per_seconds - now`
and check again.

The semaphore is taken per attempt, so a URL waiting out its backoff holds no slot."""

from __future__ import annotations

REQUIRES_PYTHON = (3, 11)  # asyncio.TaskGroup and asyncio.timeout

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
    slots = asyncio.Semaphore(concurrency)
    recent: deque[float] = deque(maxlen=max_requests)
    gate = asyncio.Lock()
    seen: set[str] = set()
    results: dict[str, CrawlResult] = {}
    loop = asyncio.get_running_loop()

    async def wait_for_the_window() -> None:
        async with gate:
            while len(recent) == max_requests and loop.time() - recent[0] < per_seconds:
                await asyncio.sleep(recent[0] + per_seconds - loop.time())
            recent.append(loop.time())

    async def visit(url: str, depth: int, group: asyncio.TaskGroup) -> None:
        status = error = page = None
        attempts = 0
        while attempts <= retries:
            if attempts:
                await asyncio.sleep(0.1 * 2 ** (attempts - 1))
            attempts += 1
            async with slots:
                await wait_for_the_window()
                try:
                    async with asyncio.timeout(timeout):
                        page = await fetch(url)
                except Exception as exc:
                    status, error, page = None, type(exc).__name__, None
                    continue
            status, error = page.status, None
            if status < 500:
                break
        results[url] = CrawlResult(status, error, depth, attempts)
        if page is None or page.status >= 400 or depth >= max_depth:
            return
        for link in page.links:
            target, _ = urldefrag(urljoin(url, link))
            if same_host and urlsplit(target).hostname not in hosts:
                continue
            if target not in seen and len(seen) < max_pages:
                seen.add(target)
                group.create_task(visit(target, depth + 1, group))

    async with asyncio.TaskGroup() as group:
        for url in starts:
            if url not in seen and len(seen) < max_pages:
                seen.add(url)
                group.create_task(visit(url, 0, group))
    return results
