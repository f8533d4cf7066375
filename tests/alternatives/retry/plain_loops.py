"""A correct solution written as two plain for-loops (sync and async duplicated), catching retry_on directly
after letting the stop signals through, and checking the deadline as an absolute time on the clock."""

from __future__ import annotations

import asyncio
import functools
import inspect
import random
import time
from dataclasses import dataclass

JITTERS = ("none", "full", "equal", "decorrelated")
STOP = (KeyboardInterrupt, SystemExit, asyncio.CancelledError)


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    attempts: int = 3
    base_delay: float = 0.1
    max_delay: float = 10.0
    jitter: str = "full"
    retry_on: tuple = (Exception,)
    deadline: float | None = None

    def __post_init__(self):
        if self.attempts < 1:
            raise ValueError("attempts must be >= 1")
        if self.jitter not in JITTERS:
            raise ValueError(f"unknown jitter {self.jitter!r}")


def _delay(policy, cap, previous, rng):
    if policy.jitter == "none":
        return cap
    r = rng()
    if policy.jitter == "full":
        return r * cap
    if policy.jitter == "equal":
        return cap / 2 + r * cap / 2
    return min(policy.max_delay, policy.base_delay + r * (3 * previous - policy.base_delay))


def retry(fn, policy, *, sleep=time.sleep, rng=random.random, clock=time.monotonic):
    ends_by = None if policy.deadline is None else clock() + policy.deadline
    cap = policy.base_delay
    previous = policy.base_delay
    for attempt in range(1, policy.attempts + 1):
        try:
            return fn()
        except STOP:
            raise
        except policy.retry_on:
            if attempt == policy.attempts:
                raise
            delay = _delay(policy, min(cap, policy.max_delay), previous, rng)
            if ends_by is not None and clock() + delay > ends_by:
                raise
        cap *= 2
        previous = delay
        sleep(delay)
    raise AssertionError("unreachable")


async def aretry(afn, policy, *, sleep=asyncio.sleep, rng=random.random, clock=time.monotonic):
    ends_by = None if policy.deadline is None else clock() + policy.deadline
    cap = policy.base_delay
    previous = policy.base_delay
    for attempt in range(1, policy.attempts + 1):
        try:
            return await afn()
        except STOP:
            raise
        except policy.retry_on:
            if attempt == policy.attempts:
                raise
            delay = _delay(policy, min(cap, policy.max_delay), previous, rng)
            if ends_by is not None and clock() + delay > ends_by:
                raise
        cap *= 2
        previous = delay
        await sleep(delay)
    raise AssertionError("unreachable")


def retrying(policy):
    def decorate(fn):
        if inspect.iscoroutinefunction(fn):
            @functools.wraps(fn)
            async def run_async(*args, **kwargs):
                return await aretry(lambda: fn(*args, **kwargs), policy)
            return run_async

        @functools.wraps(fn)
        def run(*args, **kwargs):
            return retry(lambda: fn(*args, **kwargs), policy)
        return run
    return decorate
