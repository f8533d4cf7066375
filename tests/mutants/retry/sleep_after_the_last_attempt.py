"""A for-loop that sleeps at the end of every iteration: after the last failed attempt it still sleeps
(and draws a delay) before raising, which wastes the caller's time for nothing."""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import time
from dataclasses import dataclass

EXPECT = "test_there_is_one_sleep_between_calls_and_none_after_the_last"

JITTERS = ("none", "full", "equal", "decorrelated")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    base_delay: float = 0.1
    max_delay: float = 10.0
    jitter: str = "full"
    retry_on: tuple = (Exception,)
    deadline: float | None = None

    def __post_init__(self):
        if self.attempts < 1 or self.jitter not in JITTERS:
            raise ValueError("bad policy")


def _delay(policy, k, previous, rng):
    cap = min(policy.max_delay, policy.base_delay * 2 ** (k - 1))
    if policy.jitter == "none":
        return cap
    if policy.jitter == "full":
        return rng() * cap
    if policy.jitter == "equal":
        return cap / 2 + rng() * cap / 2
    return min(policy.max_delay, policy.base_delay + rng() * (3 * previous - policy.base_delay))


def _retryable(policy, exc):
    return isinstance(exc, policy.retry_on) and not isinstance(
        exc, (KeyboardInterrupt, SystemExit, asyncio.CancelledError))


def retry(fn, policy, *, sleep=time.sleep, rng=random.random, clock=time.monotonic):
    start = clock()
    previous = policy.base_delay
    last = None
    for attempt in range(1, policy.attempts + 1):
        try:
            return fn()
        except BaseException as exc:
            if not _retryable(policy, exc):
                raise
            last = exc
        delay = _delay(policy, attempt, previous, rng)
        previous = delay
        if policy.deadline is not None and clock() - start + delay > policy.deadline:
            raise last
        sleep(delay)
    raise last


async def aretry(afn, policy, *, sleep=asyncio.sleep, rng=random.random, clock=time.monotonic):
    start = clock()
    previous = policy.base_delay
    last = None
    for attempt in range(1, policy.attempts + 1):
        try:
            return await afn()
        except BaseException as exc:
            if not _retryable(policy, exc):
                raise
            last = exc
        delay = _delay(policy, attempt, previous, rng)
        previous = delay
        if policy.deadline is not None and clock() - start + delay > policy.deadline:
            raise last
        await sleep(delay)
    raise last


def retrying(policy):
    def decorate(fn):
        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def async_wrapper(*args, **kwargs):
                return await aretry(lambda: fn(*args, **kwargs), policy)
            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return retry(lambda: fn(*args, **kwargs), policy)
        return wrapper
    return decorate
