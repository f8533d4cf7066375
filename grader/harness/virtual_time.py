"""A virtual-time asyncio event loop, for hidden suites that test code which sleeps, times out or rate-limits.

`loop.time()` starts at 0.0 and moves only when nothing is ready to run: the loop then jumps straight to
the next scheduled timer instead of waiting for it. A crawl of a few hundred simulated seconds runs in
milliseconds, and every time the code under test reads is exact, so limits can be checked to the
nanosecond. Everything else is the standard selector loop: `asyncio.sleep`, `wait_for`, `asyncio.timeout`,
cancellation, queues, locks and semaphores behave as usual, and real I/O (a thread finishing, a signal)
still wakes the loop.

    from grader.harness.virtual_time import run
    result = run(main())                       # like asyncio.run, on a virtual clock

Two ways a run can go wrong that a real loop would only show as a hang are reported at once:
`Deadlock` when every task waits and no timer, I/O or thread can ever wake one, and `TimeLimitExceeded`
when the virtual clock would pass `time_limit`. `LeftoverTasks` reports tasks still pending when the
main coroutine returns.

Work handed to threads with `run_in_executor` or `asyncio.to_thread` takes no virtual time: the clock
stands still until it is done. Times stay exact up to about 10**7 virtual seconds, far past any test.
"""

from __future__ import annotations

import asyncio
import selectors
from collections import Counter
from typing import Any, Awaitable, TypeVar

__all__ = ["VirtualTimeLoop", "run", "pending_tasks", "describe_tasks", "Deadlock", "TimeLimitExceeded",
           "LeftoverTasks"]

T = TypeVar("T")


class Deadlock(RuntimeError):
    """Every task is waiting, and no timer, I/O or thread will ever wake one of them."""


class TimeLimitExceeded(RuntimeError):
    """The virtual clock would have passed the run's time limit."""


class LeftoverTasks(RuntimeError):
    """The main coroutine returned while tasks it started were still pending."""


class _JumpingSelector(selectors.DefaultSelector):
    """Polls real I/O without blocking; when the loop would block until a timer, moves the clock there instead."""

    def __init__(self, loop: VirtualTimeLoop) -> None:
        super().__init__()
        self._loop = loop

    def select(self, timeout: float | None = None) -> list:
        events = super().select(0)
        if events:
            return events
        if timeout == 0:
            self._loop.count_busy_iteration()
            return events
        if self._loop.threads_busy:  # the clock stands still while run_in_executor work runs
            return super().select(None)
        if timeout is None:  # no timer at all: only real I/O (a foreign thread, a signal) can wake the loop now
            events = super().select(self._loop.stall_timeout)
            if events:
                return events
            raise Deadlock(f"at t={self._loop.time():g} every task is waiting and nothing is scheduled to wake any")
        self._loop.advance(timeout)
        return []


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    """A selector event loop whose clock is virtual: idle time is skipped, not waited.

    time_limit: raise TimeLimitExceeded instead of moving the clock past this time (None: no limit).
    stall_timeout: real seconds to wait for I/O when no timer is scheduled before raising Deadlock.
    """

    # A task that waits for the clock by yielding (`await asyncio.sleep(deadline - now)` where float rounding
    # makes the delay 0) would spin forever on a clock that moves only when the loop is idle. After this many
    # busy iterations in a row, the clock moves one resolution step, as real time would while the loop spins.
    # That settles rounding; code that busy-polls across a longer wait is still stuck, as it should be.
    BUSY_ITERATIONS_PER_TICK = 1000

    def __init__(self, *, time_limit: float | None = None, stall_timeout: float = 0.1) -> None:
        self._now = 0.0
        self._busy_iterations = 0
        self.threads_busy = 0
        self.time_limit = time_limit
        self.stall_timeout = stall_timeout
        super().__init__(_JumpingSelector(self))

    def time(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        """Move the clock forward; called by the selector when the loop would otherwise sleep."""
        target = self._now + seconds
        if self.time_limit is not None and target > self.time_limit:
            raise TimeLimitExceeded(f"the virtual clock would pass the time limit of {self.time_limit:g} s")
        self._now = target
        self._busy_iterations = 0

    def count_busy_iteration(self) -> None:
        """Called by the selector for each loop iteration that had callbacks ready to run."""
        self._busy_iterations += 1
        if self._busy_iterations >= self.BUSY_ITERATIONS_PER_TICK:
            self.advance(self._clock_resolution)

    def run_in_executor(self, executor: Any, func: Any, *args: Any) -> asyncio.Future:
        # Work in a thread takes no virtual time: the loop waits for it for real before moving the clock.
        future = super().run_in_executor(executor, func, *args)
        self.threads_busy += 1
        future.add_done_callback(self._thread_done)
        return future

    def _thread_done(self, _future: asyncio.Future) -> None:
        self.threads_busy -= 1

    def call_later(self, delay: float, callback: Any, *args: Any, context: Any = None) -> asyncio.TimerHandle:
        # A positive delay smaller than the clock resolution would fire at once without moving the clock, and
        # code that sleeps until the clock passes a deadline (`while time() < t: await sleep(t - time())`) would
        # spin forever on float rounding. Such a sleep moves the clock by one resolution step instead.
        when = self.time() + delay
        if delay > 0:
            when = max(when, self.time() + self._clock_resolution)
        return self.call_at(when, callback, *args, context=context)


def pending_tasks(loop: asyncio.AbstractEventLoop | None = None) -> list[asyncio.Task]:
    """The tasks of the loop (the running one by default) that are not done, except the current task."""
    loop = loop or asyncio.get_running_loop()
    current = asyncio.current_task(loop) if loop.is_running() else None
    return [task for task in asyncio.all_tasks(loop) if task is not current and not task.done()]


def describe_tasks(tasks: list[asyncio.Task]) -> str:
    """Name each task by the coroutine it runs ('crawl.<locals>.worker'), for failure messages."""
    names = Counter(getattr(task.get_coro(), "__qualname__", task.get_name()) for task in tasks)
    return ", ".join(name if count == 1 else f"{name} (x{count})" for name, count in sorted(names.items()))


def run(main: Awaitable[T], *, time_limit: float | None = None, allow_leftovers: bool = False,
        stall_timeout: float = 0.1) -> T:
    """Run `main` to completion on a new VirtualTimeLoop and return its result, like asyncio.run.

    Tasks still pending when `main` returns are cancelled and awaited; unless allow_leftovers, LeftoverTasks
    is then raised naming them. Deadlock and TimeLimitExceeded propagate after the same clean-up.
    """
    loop = VirtualTimeLoop(time_limit=time_limit, stall_timeout=stall_timeout)
    asyncio.set_event_loop(loop)
    try:
        try:
            result = loop.run_until_complete(main)
            leftovers = pending_tasks(loop)
        except Exception:
            # Not after a BaseException (the grader's alarm, Ctrl-C): the code under test may be stuck, and is
            # not run again; closing the loop is all that is left to do.
            _wind_down(loop)
            raise
        _wind_down(loop)
        if leftovers and not allow_leftovers:
            raise LeftoverTasks(f"{len(leftovers)} task(s) still pending when the main coroutine returned: "
                                f"{describe_tasks(leftovers)}")
        return result
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def _wind_down(loop: VirtualTimeLoop) -> None:
    """Cancel what is still pending and let it unwind, within a bounded slice of virtual time."""
    tasks = pending_tasks(loop)
    for task in tasks:
        task.cancel()
    loop.time_limit = loop.time() + 3600.0
    try:
        if tasks:
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
    except (Deadlock, TimeLimitExceeded):
        pass  # a task that refuses to end: the loop is closed over it, and the caller already has its verdict
