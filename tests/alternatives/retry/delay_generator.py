"""A correct solution where the delays come from a generator that is advanced only when a delay is needed,
and the exception is kept and re-raised with `raise error` outside the except block."""

import asyncio
import functools
import inspect
import random
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 3
    base_delay: float = 0.1
    max_delay: float = 10.0
    jitter: str = "full"
    retry_on: tuple = (Exception,)
    deadline: float = None

    def __post_init__(self):
        if not self.attempts >= 1 or self.jitter not in {"none", "full", "equal", "decorrelated"}:
            raise ValueError("invalid RetryPolicy")


def _delays(policy, rng):
    k, previous = 1, policy.base_delay
    while True:
        cap = min(policy.max_delay, policy.base_delay * 2.0 ** (k - 1))
        delay = {
            "none": lambda: cap,
            "full": lambda: rng() * cap,
            "equal": lambda: cap / 2 + rng() * cap / 2,
            "decorrelated": lambda: min(policy.max_delay,
                                        policy.base_delay + rng() * (3 * previous - policy.base_delay)),
        }[policy.jitter]()
        yield delay
        k, previous = k + 1, delay


class _Plan:
    def __init__(self, policy, rng, clock):
        self.policy, self.clock = policy, clock
        self.start = clock()
        self.delays = _delays(policy, rng)
        self.calls = 0

    def wait_after(self, error):
        """The delay to sleep, or None to give up and raise `error`."""
        self.calls += 1
        never = isinstance(error, (KeyboardInterrupt, SystemExit, asyncio.CancelledError))
        if never or not isinstance(error, self.policy.retry_on) or self.calls == self.policy.attempts:
            return None
        delay = next(self.delays)
        if self.policy.deadline is not None and (self.clock() - self.start) + delay > self.policy.deadline:
            return None
        return delay


def retry(fn, policy, *, sleep=time.sleep, rng=random.random, clock=time.monotonic):
    plan = _Plan(policy, rng, clock)
    while True:
        try:
            return fn()
        except BaseException as exc:
            error = exc
        delay = plan.wait_after(error)
        if delay is None:
            raise error
        sleep(delay)


async def aretry(afn, policy, *, sleep=asyncio.sleep, rng=random.random, clock=time.monotonic):
    plan = _Plan(policy, rng, clock)
    while True:
        try:
            return await afn()
        except BaseException as exc:
            error = exc
        delay = plan.wait_after(error)
        if delay is None:
            raise error
        await sleep(delay)


def retrying(policy):
    def decorate(fn):
        if inspect.iscoroutinefunction(fn):
            async def wrapper(*args, **kwargs):
                return await aretry(functools.partial(fn, *args, **kwargs), policy)
        else:
            def wrapper(*args, **kwargs):
                return retry(functools.partial(fn, *args, **kwargs), policy)
        return functools.wraps(fn)(wrapper)
    return decorate
