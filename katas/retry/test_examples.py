"""A few visible examples. Run them with `pytest katas/retry`; `grade retry` runs the hidden tests.

Nothing here sleeps for real: sleep, rng and clock are fakes. The hidden tests use these same three
fakes, so a failing script printed by `grade retry` can be pasted into a test below them.
"""

import asyncio

import pytest

from retry import RetryPolicy, aretry, retry, retrying


class Clock:
    """A fake clock: clock() reads it; clock.sleep(d) and `await clock.asleep(d)` record d and move it on."""

    def __init__(self, now=1000.0):
        self.now = now
        self.sleeps = []
        self.events = []

    def __call__(self):
        return self.now

    def sleep(self, delay):
        self.sleeps.append(delay)
        self.events.append(("sleep", delay))
        self.now += delay

    async def asleep(self, delay):
        self.sleep(delay)


class Rng:
    """A fake random.random: returns the scripted values in turn (starting over when they run out) and counts calls."""

    def __init__(self, *values):
        self.values = values or (0.5,)
        self.calls = 0

    def __call__(self):
        value = self.values[self.calls % len(self.values)]
        self.calls += 1
        return value


class Flaky:
    """fn for retry: raises `error` on its first `failures` calls, then returns `result`. Each call takes `takes` s."""

    def __init__(self, failures, result="ok", *, error=OSError, clock=None, takes=0.0):
        self.failures = failures
        self.result = result
        self.error = error
        self.clock = clock
        self.takes = takes
        self.calls = 0
        self.raised = []

    def __call__(self):
        self.calls += 1
        if self.clock is not None:
            self.clock.events.append(("call", None))
            self.clock.now += self.takes
        if self.calls <= self.failures:
            error = self.error(f"failure {self.calls}")
            self.raised.append(error)
            raise error
        return self.result

    async def acall(self):
        return self()


def test_failures_are_retried_with_doubling_delays():
    clock, rng = Clock(), Rng()
    fn = Flaky(2, clock=clock)
    policy = RetryPolicy(attempts=3, base_delay=0.1, jitter="none")
    assert retry(fn, policy, sleep=clock.sleep, rng=rng, clock=clock) == "ok"
    assert fn.calls == 3
    assert clock.sleeps == pytest.approx([0.1, 0.2])
    assert rng.calls == 0  # "none" never draws a random number


def test_when_attempts_run_out_the_last_exception_is_raised_as_itself():
    clock = Clock()
    fn = Flaky(10, clock=clock)
    policy = RetryPolicy(attempts=3, base_delay=0.1, jitter="none")
    with pytest.raises(OSError) as raised:
        retry(fn, policy, sleep=clock.sleep, rng=Rng(), clock=clock)
    assert raised.value is fn.raised[-1]
    assert fn.calls == 3 and len(clock.sleeps) == 2  # no sleep after the last call


def test_full_jitter_draws_one_random_number_per_delay():
    clock, rng = Clock(), Rng(0.5, 0.25)
    fn = Flaky(2, clock=clock)
    policy = RetryPolicy(attempts=3, base_delay=1.0, jitter="full")
    retry(fn, policy, sleep=clock.sleep, rng=rng, clock=clock)
    assert clock.sleeps == pytest.approx([0.5 * 1.0, 0.25 * 2.0])
    assert rng.calls == 2


def test_no_retry_starts_whose_sleep_would_end_past_the_deadline():
    clock = Clock()
    fn = Flaky(10, clock=clock)
    policy = RetryPolicy(attempts=10, base_delay=0.25, jitter="none", deadline=1.0)
    with pytest.raises(OSError):
        retry(fn, policy, sleep=clock.sleep, rng=Rng(), clock=clock)
    assert clock.sleeps == pytest.approx([0.25, 0.5])  # a 1.0 s sleep would end at 1.75 s


def test_aretry_and_the_decorator_work_on_async_functions():
    clock = Clock()
    fn = Flaky(1, clock=clock)
    policy = RetryPolicy(attempts=2, base_delay=0.1, jitter="none")
    assert asyncio.run(aretry(fn.acall, policy, sleep=clock.asleep, rng=Rng(), clock=clock)) == "ok"
    assert clock.sleeps == pytest.approx([0.1])

    calls = Flaky(1)

    @retrying(RetryPolicy(attempts=2, base_delay=0.0, max_delay=0.0, jitter="none"))
    async def fetch():
        """Fetch something."""
        return calls()

    assert fetch.__name__ == "fetch" and fetch.__doc__ == "Fetch something."
    assert asyncio.run(fetch()) == "ok" and calls.calls == 2


def test_a_bad_policy_is_rejected_when_it_is_made():
    with pytest.raises(ValueError):
        RetryPolicy(attempts=0)
    with pytest.raises(ValueError):
        RetryPolicy(jitter="random")
