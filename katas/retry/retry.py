"""Retry with backoff. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, TypeVar

T = TypeVar("T")

JITTERS = ("none", "full", "equal", "decorrelated")


@dataclass(frozen=True)
class RetryPolicy:
    """How many calls to make, how long to wait between them, and which exceptions deserve another try."""

    attempts: int = 3
    base_delay: float = 0.1
    max_delay: float = 10.0
    jitter: str = "full"
    retry_on: tuple[type[BaseException], ...] = (Exception,)
    deadline: float | None = None

    def __post_init__(self) -> None:
        # TODO: raise ValueError when attempts < 1 or jitter is not one of JITTERS.
        raise NotImplementedError


def retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Any] = time.sleep,
    rng: Callable[[], float] = random.random,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call fn() until it returns, sleeping between failed calls as the policy says; return its value."""
    raise NotImplementedError


async def aretry(
    afn: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    rng: Callable[[], float] = random.random,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Await afn() until it returns, awaiting sleep between failed calls as the policy says; return its value."""
    raise NotImplementedError


def retrying(policy: RetryPolicy) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: calls to the decorated function (def or async def) are retried under `policy`."""
    raise NotImplementedError
