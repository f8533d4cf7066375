"""Retry with exponential backoff and jitter: one bookkeeping object shared by retry, aretry and retrying."""

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

# Ctrl-C, sys.exit() and task cancellation all mean "stop now": no retry_on can make them retryable.
_NEVER_RETRIED = (KeyboardInterrupt, SystemExit, asyncio.CancelledError)


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
        if self.attempts < 1:
            raise ValueError(f"attempts counts calls and must be at least 1, got {self.attempts}")
        if self.jitter not in JITTERS:
            raise ValueError(f"jitter must be one of {', '.join(JITTERS)}; got {self.jitter!r}")


class _Backoff:
    """After each failure, decides whether to call again and how long to wait first."""

    def __init__(self, policy: RetryPolicy, rng: Callable[[], float], clock: Callable[[], float]) -> None:
        self.policy = policy
        self._rng = rng
        self._clock = clock
        self._start = clock()  # read just before the first call: the deadline counts from here
        self._failures = 0
        self._previous = policy.base_delay

    def next_delay(self, error: BaseException) -> float | None:
        """Seconds to wait before the next call after `error`, or None when `error` must be raised instead."""
        policy = self.policy
        if isinstance(error, _NEVER_RETRIED) or not isinstance(error, policy.retry_on):
            return None
        self._failures += 1
        if self._failures >= policy.attempts:
            return None
        delay = self._delay(self._failures)
        # The delay is drawn before the deadline check, so rng is called once for every delay computed,
        # including the one that is then refused.
        if policy.deadline is not None and self._clock() - self._start + delay > policy.deadline:
            return None
        return delay

    def _delay(self, k: int) -> float:
        """The delay before retry k (k = 1 for the first retry)."""
        policy = self.policy
        cap = min(policy.max_delay, policy.base_delay * 2 ** (k - 1))
        if policy.jitter == "none":
            delay = cap
        elif policy.jitter == "full":
            delay = self._rng() * cap
        elif policy.jitter == "equal":
            delay = cap / 2 + self._rng() * cap / 2
        else:
            # Decorrelated jitter grows from the previous delay, not from k, so it ignores the cap above.
            spread = 3 * self._previous - policy.base_delay
            delay = min(policy.max_delay, policy.base_delay + self._rng() * spread)
        self._previous = delay
        return delay


def retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Any] = time.sleep,
    rng: Callable[[], float] = random.random,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call fn() until it returns, sleeping between failed calls as the policy says; return its value."""
    backoff = _Backoff(policy, rng, clock)
    while True:
        try:
            return fn()
        except BaseException as error:
            delay = backoff.next_delay(error)
            if delay is None:
                raise  # the same exception object, traceback intact
        sleep(delay)


async def aretry(
    afn: Callable[[], Awaitable[T]],
    policy: RetryPolicy,
    *,
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
    rng: Callable[[], float] = random.random,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Await afn() until it returns, awaiting sleep between failed calls as the policy says; return its value."""
    backoff = _Backoff(policy, rng, clock)
    while True:
        try:
            return await afn()
        except BaseException as error:
            delay = backoff.next_delay(error)
            if delay is None:
                raise
        await sleep(delay)


def retrying(policy: RetryPolicy) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: calls to the decorated function (def or async def) are retried under `policy`."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                return await aretry(functools.partial(fn, *args, **kwargs), policy)

            return async_wrapper

        @functools.wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return retry(functools.partial(fn, *args, **kwargs), policy)

        return wrapper

    return decorate
