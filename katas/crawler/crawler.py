"""Async web crawler. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

import asyncio  # noqa: F401  (you will need it)
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import urldefrag, urljoin, urlsplit  # noqa: F401  (and these)


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
    # TODO: a FIFO frontier of (url, depth), a set of URLs already queued, `concurrency` workers, a sliding-window
    # limiter checked before every call, asyncio.wait_for around each call, retries with backoff, and a
    # try/finally that cancels and awaits every task you started.
    raise NotImplementedError
