"""Hidden tests for the retry kata.

Nothing sleeps for real: every run uses the fakes below (the same Clock, Rng and Flaky as in
katas/retry/test_examples.py, so a failing script can be pasted there), and delays are compared
with a tolerance of 1e-9.
"""

from __future__ import annotations

import asyncio
import inspect
import random
import sys
import time
from typing import Any, NamedTuple

from hypothesis import given, settings
from hypothesis import strategies as st

from grader.harness import virtual_time
from grader.harness import SETTINGS, Script, UserCodeRaised, fill, scored, solution, verbatim

TOLERANCE = 1e-9
JITTERS = ("none", "full", "equal", "decorrelated")
RANDOM_JITTERS = ("full", "equal", "decorrelated")
# Never retried whatever retry_on says; caught here by name, never as BaseException, so that the
# grader's own timeout alarm still gets through.
STOP_SIGNALS = (KeyboardInterrupt, SystemExit, asyncio.CancelledError)


class Halt(BaseException):
    """A BaseException that is neither an Exception nor a stop signal: outside the default retry_on."""


# -- the fakes ------------------------------------------------------------------------------------

class Clock:
    """A fake clock: clock() reads it; clock.sleep(d) and `await clock.asleep(d)` record d and move it on."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now
        self.sleeps: list[Any] = []
        self.events: list[tuple[str, Any]] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, delay: Any) -> None:
        self.sleeps.append(delay)
        self.events.append(("sleep", delay))
        self.now += delay

    async def asleep(self, delay: Any) -> None:
        self.sleep(delay)


class Rng:
    """A fake random.random: returns the scripted values in turn (starting over when they run out) and counts calls."""

    def __init__(self, *values: float) -> None:
        self.values = values or (0.5,)
        self.calls = 0

    def __call__(self) -> float:
        value = self.values[self.calls % len(self.values)]
        self.calls += 1
        return value


class Flaky:
    """fn for retry: raises `error` on its first `failures` calls, then returns `result`. Each call takes `takes` s."""

    def __init__(self, failures: int, result: Any = "ok", *, error: type[BaseException] = OSError,
                 clock: Clock | None = None, takes: float = 0.0) -> None:
        self.failures = failures
        self.result = result
        self.error = error
        self.clock = clock
        self.takes = takes
        self.calls = 0
        self.raised: list[BaseException] = []

    def __call__(self) -> Any:
        self.calls += 1
        if self.clock is not None:
            self.clock.events.append(("call", None))
            self.clock.now += self.takes
        if self.calls <= self.failures:
            error = self.error(f"failure {self.calls}")
            self.raised.append(error)
            raise error
        return self.result

    async def acall(self) -> Any:
        return self()


# -- running and checking -------------------------------------------------------------------------

def _run(coroutine: Any) -> Any:
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


def _num(value: Any) -> str:
    return repr(round(value, 9)) if isinstance(value, float) else repr(value)


def _nums(values: list[Any]) -> str:
    return "[" + ", ".join(_num(v) for v in values) + "]"


def _close(got: list[Any], expected: list[float]) -> bool:
    return len(got) == len(expected) and all(
        isinstance(g, (int, float)) and not isinstance(g, bool) and abs(g - e) <= TOLERANCE
        for g, e in zip(got, expected))


def _type_name(error: type[BaseException]) -> str:
    return "asyncio.CancelledError" if error is asyncio.CancelledError else error.__name__


def _policy_repr(value: Any) -> str:
    if isinstance(value, tuple) and all(isinstance(t, type) for t in value):
        return "(" + ", ".join(_type_name(t) for t in value) + ("," if len(value) == 1 else "") + ")"
    return repr(value)


def _new_policy(script: Script, **fields: Any) -> Any:
    shown = ", ".join(f"{k}={_policy_repr(v)}" for k, v in fields.items())
    return script.run("policy", solution().RetryPolicy, shown=f"policy = RetryPolicy({shown})", **fields)


def _timeline(events: list[tuple[str, Any]]) -> str:
    return ", ".join("call" if kind == "call" else f"sleep({_num(delay)})" for kind, delay in events)


def _describe(error: BaseException) -> str:
    return repr(error)


def _times(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


class Outcome(NamedTuple):
    value: Any = None
    raised: BaseException | None = None


class Case:
    """One run of retry or aretry on fresh fakes, recorded as a script."""

    def __init__(self, failures: int, *, rng: tuple[float, ...] = (0.5,), error: type[BaseException] = OSError,
                 takes: float = 0.0, now: float = 1000.0, prelude: str = "", **policy: Any) -> None:
        self.script = Script()
        if prelude:
            self.script.run("setup", lambda: None, shown=prelude)
        self.clock = Clock(now)
        self.rng = Rng(*rng)
        self.fn = Flaky(failures, error=error, clock=self.clock, takes=takes)
        options = "".join([f", error={_type_name(error)}" if error is not OSError else "",
                           f", takes={takes!r}" if takes else ""])
        self.script.run("setup", lambda: None, shown=(
            f"clock = Clock({now!r})\nrng = Rng({', '.join(map(repr, rng))})\n"
            f"fn = Flaky({failures}{options}, clock=clock)"))
        self.policy = _new_policy(self.script, **policy)
        self.name = "retry"

    def retry(self, *, omit: tuple[str, ...] = ()) -> Outcome:
        """retry(fn, policy, ...) with the fakes, leaving out the keyword arguments named in `omit`."""
        retry = solution().retry
        fakes = {"sleep": ("clock.sleep", self.clock.sleep), "rng": ("rng", self.rng), "clock": ("clock", self.clock)}
        kept = {name: fake for name, fake in fakes.items() if name not in omit}
        shown = "".join(f", {name}={text}" for name, (text, _) in kept.items())
        return self._outcome(f"retry(fn, policy{shown})",
                             lambda: retry(self.fn, self.policy, **{name: fake for name, (_, fake) in kept.items()}))

    def aretry(self) -> Outcome:
        aretry = solution().aretry
        self.name = "aretry"
        return self._outcome(
            "asyncio.run(aretry(fn.acall, policy, sleep=clock.asleep, rng=rng, clock=clock))",
            lambda: _run(aretry(self.fn.acall, self.policy, sleep=self.clock.asleep, rng=self.rng, clock=self.clock)))

    def _outcome(self, line: str, call: Any) -> Outcome:
        try:
            value = self.script.run("call", call, shown=line)
        except UserCodeRaised as err:
            if isinstance(err.original, NotImplementedError):
                raise
            return Outcome(raised=err.original)
        except (*STOP_SIGNALS, Halt) as error:
            self.script.note(f"raises {type(error).__name__}")
            return Outcome(raised=error)
        self.script.note(f"returns {value!r}")
        return Outcome(value=value)

    # -- checks: each message says what came back, what was expected, and why --

    def returned(self, outcome: Outcome, why: str) -> None:
        if outcome.raised is not None:
            self.script.fail(f"{self.name} raised {_describe(outcome.raised)} after fn was called "
                             f"{_times(self.fn.calls, 'time')}; it should have returned {self.fn.result!r}: {why}",
                             show_got=False)
        self.script.expect(outcome.value, self.fn.result,
                           f"{self.name} returned {{got}}; it must return what fn returned, {{expected}}.")

    def raised_last(self, outcome: Outcome, why: str) -> None:
        if outcome.raised is None:
            self.script.fail(f"{self.name} returned {outcome.value!r} after fn was called "
                             f"{_times(self.fn.calls, 'time')}; it should have raised the last exception: {why}",
                             show_got=False)
        last = self.fn.raised[-1] if self.fn.raised else None
        if outcome.raised is last:
            return
        if any(outcome.raised is earlier for earlier in self.fn.raised):
            which = next(i for i, e in enumerate(self.fn.raised, 1) if e is outcome.raised)
            self.script.fail(f"{self.name} raised the exception from call {which}, but fn was called "
                             f"{self.fn.calls} times: re-raise the last one. {why}", show_got=False)
        looks = ("looks the same but is a different object (a copy)" if last is not None
                 and type(outcome.raised) is type(last) and outcome.raised.args == last.args
                 else f"is not the exception fn raised last, {_describe(last)}")
        self.script.fail(f"{self.name} raised {_describe(outcome.raised)}, which {looks}. Re-raise that very "
                         "object (a bare `raise` inside the except block, or `raise error`): no copy and no wrapper, "
                         f"so callers can catch its type and read its attributes and traceback. {why}",
                         show_got=False)

    def calls(self, expected: int, message: str) -> None:
        got = self.script.run("attr", lambda: self.fn.calls, shown="fn.calls")
        if got != expected:
            self.script.fail(fill(message, expected=expected), got=got)

    def sleeps(self, expected: list[float], message: str) -> None:
        got = self.script.run("attr", lambda: list(self.clock.sleeps), shown="clock.sleeps")
        if not _close(got, expected):
            self.script.note(f"got {_nums(got)}")
            self.script.fail(fill(message, got=verbatim(_nums(got)), expected=verbatim(_nums(expected))),
                             show_got=False)

    def rng_calls(self, expected: int, message: str) -> None:
        got = self.script.run("attr", lambda: self.rng.calls, shown="rng.calls")
        if got != expected:
            self.script.fail(fill(message, expected=expected), got=got)


def _expected_delays(jitter: str, base: float, max_delay: float, retries: int, rng: tuple[float, ...]) -> list[float]:
    """The delays before retries 1..retries, straight from the formulas in the README."""
    delays: list[float] = []
    previous, draws = base, 0
    for k in range(1, retries + 1):
        cap = min(max_delay, base * 2 ** (k - 1))
        if jitter == "none":
            delay = cap
        else:
            r = rng[draws % len(rng)]
            draws += 1
            if jitter == "full":
                delay = r * cap
            elif jitter == "equal":
                delay = cap / 2 + r * cap / 2
            else:
                delay = min(max_delay, base + r * (3 * previous - base))
        previous = delay
        delays.append(delay)
    return delays


def _expect_value_error(shown: str, **fields: Any) -> None:
    script = Script()
    try:
        script.run("policy", solution().RetryPolicy, shown=shown, **fields)
    except UserCodeRaised as err:
        if isinstance(err.original, NotImplementedError):
            raise
        if isinstance(err.original, ValueError):
            return
        script.fail(f"{shown} raised {type(err.original).__name__}; a bad policy must raise ValueError when it is "
                    "made, so the mistake shows where the policy is written, not at the first failure.",
                    show_got=False)
    script.fail(f"{shown} was accepted; it must raise ValueError when the policy is made.", show_got=False)


# -- level 1: retry with exponential backoff ------------------------------------------------------

@scored(points=3, level=1)
def test_a_call_that_succeeds_returns_its_value_without_sleeping():
    for jitter in JITTERS:
        case = Case(0, attempts=3, jitter=jitter)
        case.returned(case.retry(), "fn succeeded on the first call.")
        case.calls(1, "fn was called {got} times although the first call succeeded: stop as soon as fn returns.")
        case.sleeps([], "retry slept {got} although the first call succeeded: sleep only between a failure and "
                        "the next call.")
        case.rng_calls(0, "rng was called {got} times although no delay was needed: draw a random number only "
                          "when computing a delay.")


@scored(points=4, level=1)
def test_failures_are_retried_until_a_call_succeeds():
    for attempts in range(1, 6):
        for failures in range(attempts):
            case = Case(failures, attempts=attempts, jitter="none")
            case.returned(case.retry(), f"fn fails {failures} time(s) and then succeeds, and attempts={attempts} "
                                        f"allows {attempts} calls.")
            case.calls(failures + 1, f"fn was called {{got}} times; it fails {failures} time(s), then succeeds, "
                                     "so expected {expected} calls.")


@scored(points=5, level=1)
def test_attempts_is_the_total_number_of_calls():
    for attempts in range(1, 6):
        case = Case(10, attempts=attempts, jitter="none")
        case.raised_last(case.retry(), f"attempts={attempts} and fn always fails.")
        case.calls(attempts, f"fn was called {{got}} times with attempts={attempts}: attempts counts every call, "
                             f"the first one included, so it allows {attempts - 1} "
                             f"{'retry' if attempts == 2 else 'retries'}, {_times(attempts, 'call')} in all.")


@scored(points=5, level=1)
def test_there_is_one_sleep_between_calls_and_none_after_the_last():
    for attempts in range(1, 5):
        for failures in (attempts - 1, 10):
            case = Case(failures, attempts=attempts, jitter="none", base_delay=0.1)
            case.retry()
            calls = min(failures + 1, attempts)
            expected = ["call"] + ["sleep", "call"] * (calls - 1)
            got = case.script.run("attr", lambda: _timeline(case.clock.events), shown="clock.events")
            if [kind for kind, _ in case.clock.events] != expected:
                case.script.note(f"got: {got}")
                ending = ("fn succeeded on its last call" if failures < attempts
                          else "the last call failed and no attempt is left, so raise at once")
                case.script.fail(
                    f"The calls and sleeps went: {got}; expected: {', '.join(expected)}. There is exactly one sleep "
                    f"between two calls and none after the last ({ending}).", show_got=False)


@scored(points=4, level=1)
def test_the_delays_double_from_the_base_delay():
    for base in (0.1, 0.25, 1.0):
        case = Case(10, attempts=6, jitter="none", base_delay=base, max_delay=1000.0)
        case.retry()
        case.sleeps([base * 2 ** i for i in range(5)],
                    f"retry slept {{got}}; with jitter='none' the delay before retry k is base_delay * 2 ** (k - 1), "
                    f"so the first retry waits base_delay={base} and each next one twice as long: "
                    "expected {expected}.")


@scored(points=4, level=1)
def test_the_delay_is_capped_at_max_delay():
    for base, max_delay, attempts, expected in ((1.0, 5.0, 7, [1.0, 2.0, 4.0, 5.0, 5.0, 5.0]),
                                                (1.0, 3.0, 5, [1.0, 2.0, 3.0, 3.0]),
                                                (2.0, 0.5, 3, [0.5, 0.5])):
        case = Case(10, attempts=attempts, jitter="none", base_delay=base, max_delay=max_delay)
        case.retry()
        case.sleeps(expected, f"retry slept {{got}}; the delay is min(max_delay, base_delay * 2 ** (k - 1)), so with "
                              f"max_delay={max_delay} it never goes past {max_delay}: expected {{expected}}.")


@scored(points=4, level=1)
def test_the_last_exception_is_raised_as_itself():
    for attempts in range(1, 5):
        case = Case(10, attempts=attempts, jitter="none")
        case.raised_last(case.retry(), f"Each call raised a new OSError, and call {attempts} was the last one.")


@scored(points=4, level=1)
def test_an_exception_not_in_retry_on_propagates_at_once():
    case = Case(10, error=KeyError, attempts=3, retry_on=(ValueError,), jitter="none")
    case.raised_last(case.retry(), "KeyError is not in retry_on=(ValueError,), so it propagates as it is.")
    case.calls(1, "fn was called {got} times, but its KeyError is not in retry_on=(ValueError,): such an error "
                  "propagates at once, after {expected} call, with no retry.")
    case.sleeps([], "retry slept {got} before raising an error that is not in retry_on: it must propagate at once.")
    case = Case(2, error=ConnectionError, attempts=3, retry_on=(OSError,), jitter="none")
    case.returned(case.retry(), "ConnectionError is a subclass of OSError, so retry_on=(OSError,) retries it, "
                                "exactly as `except OSError` would catch it.")


@scored(points=2, level=1)
def test_attempts_below_one_are_rejected():
    for attempts in (0, -1):
        _expect_value_error(f"RetryPolicy(attempts={attempts})", attempts=attempts)
    _new_policy(Script(), attempts=1)


@scored(points=4, level=1)
def test_a_policy_left_at_its_defaults_uses_the_stated_values():
    case = Case(10, jitter="none")
    case.raised_last(case.retry(), "fn always fails.")
    case.calls(3, "fn was called {got} times under RetryPolicy(jitter='none'): attempts defaults to 3 calls, so "
                  "expected {expected}.")
    case.sleeps([0.1, 0.2], "retry slept {got} under RetryPolicy(jitter='none'): base_delay defaults to 0.1 s, so "
                            "the delays are 0.1 and 0.2: expected {expected}.")
    case = Case(10, attempts=10, jitter="none")
    case.raised_last(case.retry(), "fn always fails, and no deadline stops retry before the 10 attempts are used.")
    case.sleeps([0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 10.0, 10.0],
                "retry slept {got} under RetryPolicy(attempts=10, jitter='none'): max_delay defaults to 10.0 (the "
                "doubling stops there) and deadline to None (no deadline: retry until the attempts run out), so "
                "expected {expected}.")
    case = Case(2, error=KeyError, jitter="none")
    case.returned(case.retry(), "retry_on defaults to (Exception,), and KeyError is an Exception.")
    case = Case(10, error=Halt, jitter="none", prelude="class Halt(BaseException): pass  # not an Exception")
    outcome = case.retry()
    case.calls(1, "fn was called {got} times, but it raised Halt, a BaseException that is not an Exception: "
                  "retry_on defaults to (Exception,), so it propagates at once, after {expected} call.")
    case.raised_last(outcome, "Halt is not in the default retry_on=(Exception,).")
    script = Script()
    policy = _new_policy(script)
    try:
        script.run("set", lambda: setattr(policy, "attempts", 5), shown="policy.attempts = 5")
    except UserCodeRaised as err:
        if isinstance(err.original, AttributeError):  # dataclasses.FrozenInstanceError is one
            return
        raise
    script.fail("policy.attempts = 5 was accepted; RetryPolicy is a frozen dataclass (@dataclass(frozen=True), as "
                "in the README), so a policy shared by many calls cannot be changed under them.", show_got=False)


def _builtin_calls(call: Any) -> tuple[Any, list[Any]]:
    """Run call() and list the built-in functions it called (sys.setprofile sees every one, deterministically)."""
    called: list[Any] = []

    def profile(_frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            called.append(arg)

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        return call(), called
    finally:
        sys.setprofile(previous)


@scored(points=2, level=1)
def test_retry_sleeps_with_time_sleep_by_default():
    case = Case(1, attempts=2, base_delay=0.001, jitter="none")
    outcome, called = _builtin_calls(lambda: case.retry(omit=("sleep",)))
    case.returned(outcome, "fn fails once and attempts=2.")
    if not any(function is time.sleep for function in called):
        case.script.fail("retry(fn, policy, rng=rng, clock=clock) called fn twice and never called time.sleep: "
                         "without a sleep argument, retry must wait its delay with time.sleep (the default in the "
                         "signature), or it retries at once.", show_got=False)


# -- level 2: jitter --------------------------------------------------------------------------------

@scored(points=3, level=2)
def test_full_jitter_scales_the_capped_delay_by_rng():
    rng = (0.5, 0.25, 0.75, 1.0, 0.0)
    case = Case(10, rng=rng, attempts=6, jitter="full", base_delay=1.0, max_delay=5.0)
    case.retry()
    case.sleeps(_expected_delays("full", 1.0, 5.0, 5, rng),
                "retry slept {got}; full jitter waits rng() * cap, where "
                "cap = min(max_delay, base_delay * 2 ** (k - 1)) is 1, 2, 4, 5, 5 here and rng() returns "
                "0.5, 0.25, 0.75, 1.0, 0.0: expected {expected}.")


@scored(points=3, level=2)
def test_equal_jitter_keeps_half_the_delay_fixed():
    rng = (0.5, 0.0, 1.0, 0.25)
    case = Case(10, rng=rng, attempts=5, jitter="equal", base_delay=1.0, max_delay=5.0)
    case.retry()
    case.sleeps(_expected_delays("equal", 1.0, 5.0, 4, rng),
                "retry slept {got}; equal jitter waits cap / 2 + rng() * cap / 2 (half fixed, half random), with caps "
                "1, 2, 4, 5 here and rng() returning 0.5, 0.0, 1.0, 0.25: expected {expected}.")


@scored(points=4, level=2)
def test_decorrelated_jitter_grows_from_the_previous_delay():
    rng = (0.5, 0.25, 1.0, 0.5, 1.0, 0.1)
    case = Case(10, rng=rng, attempts=7, jitter="decorrelated", base_delay=1.0, max_delay=20.0)
    case.retry()
    case.sleeps(_expected_delays("decorrelated", 1.0, 20.0, 6, rng),
                "retry slept {got}; decorrelated jitter waits min(max_delay, base_delay + rng() * (3 * previous - "
                "base_delay)), where previous is base_delay at first and then the last delay actually used "
                "(after the max_delay clip), not the exponential cap: expected {expected}.")


@scored(points=4, level=2)
def test_rng_is_called_once_per_delay_and_never_for_none():
    for jitter in JITTERS:
        for attempts in range(1, 5):
            for failures in sorted({attempts - 1, 10}):
                case = Case(failures, attempts=attempts, jitter=jitter)
                case.retry()
                delays = min(failures, attempts - 1)
                expected = delays if jitter != "none" else 0
                rule = ("jitter='none' never calls rng" if jitter == "none" else
                        f"jitter={jitter!r} calls rng exactly once per delay, and {delays} delay(s) were needed "
                        "(none after the last call)")
                case.rng_calls(expected, f"rng was called {{got}} times; {rule}, so expected {{expected}}.")


@scored(points=3, level=2)
@settings(SETTINGS, max_examples=40)
@given(jitter=st.sampled_from(JITTERS), base=st.floats(0.01, 2.0), max_delay=st.floats(0.01, 20.0),
       attempts=st.integers(1, 6), failures=st.integers(0, 7),
       rng=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=6).map(tuple))
def test_delays_follow_the_formulas_for_any_policy(jitter, base, max_delay, attempts, failures, rng):
    case = Case(failures, rng=rng, attempts=attempts, jitter=jitter, base_delay=base, max_delay=max_delay)
    outcome = case.retry()
    if failures < attempts:
        case.returned(outcome, f"fn fails {failures} time(s), then succeeds, within attempts={attempts}.")
    else:
        case.raised_last(outcome, f"fn failed on all {attempts} attempts.")
    retries = min(failures, attempts - 1)
    case.sleeps(_expected_delays(jitter, base, max_delay, retries, rng),
                f"retry slept {{got}}; by the formulas for jitter={jitter!r} the delays are {{expected}}.")


@scored(points=2, level=2)
def test_an_unknown_jitter_name_is_rejected():
    for jitter in ("random", "Full", "", "exponential"):
        _expect_value_error(f"RetryPolicy(jitter={jitter!r})", jitter=jitter)
    for jitter in JITTERS:
        _new_policy(Script(), jitter=jitter)


SEED = 2024  # random.seed(SEED) makes the default rng, random.random, replayable


@scored(points=3, level=2)
def test_jitter_defaults_to_full_and_rng_to_random_random():
    case = Case(10, rng=(0.5,))
    case.raised_last(case.retry(), "fn always fails.")
    case.sleeps([0.05, 0.1], "retry slept {got} under RetryPolicy(), every field at its default: jitter defaults to "
                             "'full', so with rng() = 0.5 and caps 0.1 and 0.2 the delays are 0.5 * 0.1 and "
                             "0.5 * 0.2: expected {expected}.")
    state = random.getstate()
    try:
        random.seed(SEED)
        draws = [random.random() for _ in range(3)]
        runs = []
        for _ in range(2):  # twice: delays from a source random.seed does not replay must not be printed
            random.seed(SEED)
            case = Case(10, prelude=f"random.seed({SEED})", attempts=4, base_delay=1.0)
            case.retry(omit=("rng",))
            runs.append(list(case.clock.sleeps))
    finally:
        random.setstate(state)
    expected = [draw * cap for draw, cap in zip(draws, (1.0, 2.0, 4.0))]
    rule = (f"Without an rng argument, rng is random.random: after random.seed({SEED}) it returns {_nums(draws)}, so "
            f"with full jitter and caps 1, 2 and 4 the delays are {_nums(expected)}")
    if not _close(runs[0], runs[1]):
        case.script.fail(f"retry(fn, policy, sleep=clock.sleep, clock=clock) slept different delays in two runs, each "
                         f"after random.seed({SEED}): its default rng is not random.random, which random.seed "
                         f"replays. {rule}.", show_got=False)
    case.sleeps(expected, f"retry(fn, policy, sleep=clock.sleep, clock=clock) slept {{got}}. {rule}.")


# -- level 3: deadlines and what is never retried -----------------------------------------------------

@scored(points=4, level=3)
def test_a_retry_whose_sleep_would_end_past_the_deadline_is_not_started():
    case = Case(10, attempts=10, jitter="none", base_delay=0.25, deadline=1.0)
    case.raised_last(case.retry(), "The deadline leaves no room for the third delay, so retry gives up.")
    case.sleeps([0.25, 0.5], "retry slept {got}. After two sleeps 0.75 s have passed; the third delay, 1.0 s, would "
                             "end 1.75 s after the first call, past deadline=1.0, so retry must raise the last "
                             "exception instead of starting it: expected {expected}.")
    case.calls(3, "fn was called {got} times; expected {expected}: a retry whose sleep would end past the deadline "
                  "is not started.")
    case = Case(10, attempts=10, jitter="none", base_delay=0.25, deadline=0.2)
    case.raised_last(case.retry(), "The first delay already ends past the deadline.")
    case.sleeps([], "retry slept {got}; the first delay, 0.25 s, would end past deadline=0.2, so no retry is "
                    "started at all.")


@scored(points=3, level=3)
def test_a_sleep_ending_exactly_at_the_deadline_is_allowed():
    for deadline, expected in ((0.75, [0.25, 0.5]), (0.25, [0.25])):
        case = Case(10, attempts=10, jitter="none", base_delay=0.25, deadline=deadline)
        case.retry()
        case.sleeps(expected, f"retry slept {{got}}; a sleep that ends exactly at the deadline is allowed (only "
                              f"ending past deadline={deadline} is not), so expected {{expected}}.")


@scored(points=3, level=3)
def test_the_deadline_counts_time_spent_in_calls():
    case = Case(10, takes=0.25, attempts=10, jitter="none", base_delay=0.25, deadline=1.0)
    case.retry()
    case.sleeps([0.25], "retry slept {got}. Each call takes 0.25 s on the clock: call 1 ends at 0.25 s, the first "
                        "sleep ends at 0.5 s, call 2 ends at 0.75 s, and a 0.5 s sleep would end at 1.25 s, past "
                        "deadline=1.0. Measure elapsed time with clock(), read once just before the first call: "
                        "expected {expected}.")
    case.calls(2, "fn was called {got} times; expected {expected}.")


@scored(points=2, level=3)
def test_a_delay_refused_by_the_deadline_was_still_drawn():
    case = Case(10, rng=(0.5,), attempts=5, jitter="full", base_delay=1.0, deadline=1.0)
    case.retry()
    case.sleeps([0.5], "retry slept {got}; with full jitter and rng() = 0.5 the delays are 0.5, 1.0, ...: the "
                       "first ends at 0.5 s, the second would end at 1.5 s, past deadline=1.0. Check the deadline "
                       "against the jittered delay itself, not the cap: expected {expected}.")
    case.rng_calls(2, "rng was called {got} times; the delay is computed first (one rng() call), then refused by "
                      "the deadline, so expected {expected}.")


@scored(points=2, level=3)
def test_the_deadline_reads_a_real_monotonic_clock_by_default():
    script = Script()
    failures: list[BaseException] = []

    def fn() -> Any:
        time.sleep(0.005)
        failures.append(OSError(f"failure {len(failures) + 1}"))
        raise failures[-1]

    script.run("setup", lambda: None, shown=(
        "def fn():  # every call takes 0.005 s of real time, then fails\n    time.sleep(0.005)\n    raise OSError()\n"
        "clock = Clock(1000.0)\nrng = Rng(0.5)"))
    policy = _new_policy(script, attempts=3, base_delay=0.0, jitter="none", deadline=0.002)
    clock = Clock()
    try:
        script.run("call", lambda: solution().retry(fn, policy, sleep=clock.sleep, rng=Rng()),
                   shown="retry(fn, policy, sleep=clock.sleep, rng=rng)")
    except UserCodeRaised as err:
        if isinstance(err.original, NotImplementedError):
            raise
        if len(failures) == 1 and err.original is failures[0]:
            return
    script.fail(f"fn was called {_times(len(failures), 'time')}; its first call alone takes 0.005 s of real time, "
                "past deadline=0.002, so retry must give up after it and re-raise its exception. Without a clock "
                "argument, the deadline is measured with time.monotonic(), which moves with real time "
                "(time.process_time() counts only CPU time, and stands still while a call waits).", show_got=False)


def _never_retried(error: type[BaseException], retry_on: tuple, run: str = "retry") -> None:
    case = Case(10, error=error, attempts=3, retry_on=retry_on, jitter="none")
    outcome = case.retry() if run == "retry" else case.aretry()
    meaning = {KeyboardInterrupt: "is Ctrl-C", SystemExit: "is sys.exit()",
               asyncio.CancelledError: "means the task is being cancelled"}[error]
    why = (f"{_type_name(error)} {meaning}: the caller wants to stop, so it is never retried, even with "
           f"retry_on={_policy_repr(retry_on)}")
    case.calls(1, f"fn was called {{got}} times; {why}: expected {{expected}} call.")
    case.sleeps([], f"{run} slept {{got}}; {why}: no sleep.")
    if outcome.raised is None or not isinstance(outcome.raised, error):
        got = "nothing" if outcome.raised is None else _describe(outcome.raised)
        case.script.fail(f"{run} raised {got}; {why}, so the {_type_name(error)} propagates.", show_got=False)
    if run == "retry":
        case.raised_last(outcome, why + ".")


@scored(points=3, level=3)
def test_keyboard_interrupt_and_system_exit_are_never_retried():
    for error in (KeyboardInterrupt, SystemExit):
        for retry_on in ((BaseException,), (error,), (error, Exception)):
            _never_retried(error, retry_on)


@scored(points=3, level=3)
def test_cancelled_error_is_never_retried():
    for retry_on in ((BaseException,), (asyncio.CancelledError,)):
        _never_retried(asyncio.CancelledError, retry_on)


# -- level 4: async and the decorator --------------------------------------------------------------

@scored(points=4, level=4)
def test_aretry_waits_the_same_delays_as_retry():
    rng = (0.5, 0.25, 1.0)
    for jitter in JITTERS:
        case = Case(3, rng=rng, attempts=5, jitter=jitter, base_delay=1.0, max_delay=3.0)
        case.returned(case.aretry(), "fn fails 3 times, then succeeds, within attempts=5.")
        case.calls(4, "fn was called {got} times; expected {expected}.")
        if not case.clock.sleeps:
            case.sleeps([1.0], "aretry never awaited sleep although fn failed 3 times. Calling an async sleep "
                               "without `await` only creates a coroutine and does not wait: `await sleep(delay)`.")
        case.sleeps(_expected_delays(jitter, 1.0, 3.0, 3, rng),
                    f"aretry awaited sleep with {{got}}; the delays follow the same formulas as retry "
                    f"(jitter={jitter!r}): expected {{expected}}.")
        case.rng_calls(0 if jitter == "none" else 3, "rng was called {got} times; expected {expected}.")


@scored(points=3, level=4)
def test_aretry_raises_the_last_exception_and_keeps_the_deadline():
    case = Case(10, attempts=3, jitter="none", base_delay=0.25)
    case.raised_last(case.aretry(), "fn failed on all 3 attempts.")
    case.calls(3, "fn was called {got} times with attempts=3; expected {expected}.")
    case.sleeps([0.25, 0.5], "aretry slept {got}; expected {expected}: one sleep between calls, none after the last.")
    case = Case(10, attempts=10, jitter="none", base_delay=0.25, deadline=0.75)
    case.raised_last(case.aretry(), "The third delay would end past the deadline.")
    case.sleeps([0.25, 0.5], "aretry slept {got}; a sleep may end exactly at deadline=0.75 but not past it: "
                             "expected {expected}.")
    case = Case(10, error=KeyError, attempts=3, retry_on=(ValueError,), jitter="none")
    case.raised_last(case.aretry(), "KeyError is not in retry_on=(ValueError,), so it propagates at once.")
    case.calls(1, "fn was called {got} times; a KeyError is not in retry_on=(ValueError,): expected {expected}.")


@scored(points=2, level=4)
def test_aretry_never_retries_cancelled_error():
    for retry_on in ((BaseException,), (asyncio.CancelledError,)):
        _never_retried(asyncio.CancelledError, retry_on, run="aretry")


@scored(points=2, level=4)
def test_aretry_sleeps_with_asyncio_sleep_by_default():
    case = Case(2, attempts=3, base_delay=0.05, jitter="none")
    case.name = "aretry"
    aretry = solution().aretry

    async def main() -> tuple[Any, float]:
        outcome = await aretry(case.fn.acall, case.policy, rng=case.rng, clock=case.clock)
        return outcome, asyncio.get_running_loop().time()

    def run() -> tuple[Any, float]:
        return virtual_time.run(main(), time_limit=60.0, allow_leftovers=True)

    try:
        value, elapsed = case.script.run("call", run, shown="asyncio.run(aretry(fn.acall, policy, rng=rng, clock=clock))")
    except UserCodeRaised as err:
        if isinstance(err.original, NotImplementedError):
            raise
        case.script.fail(f"aretry(fn.acall, policy, rng=rng, clock=clock) raised {_describe(err.original)}; fn fails "
                         "twice, then succeeds within attempts=3. Without a sleep argument, aretry must await "
                         "asyncio.sleep(delay) (time.sleep returns None, which cannot be awaited, and would block "
                         "the event loop anyway).", show_got=False)
    case.returned(Outcome(value=value), "fn fails twice, then succeeds within attempts=3.")
    if abs(elapsed - 0.15) > TOLERANCE:
        case.script.fail(f"aretry returned after {_num(elapsed)} s of the event loop's time; fn failed twice, so it "
                         "had to wait 0.05 s and then 0.1 s, 0.15 s in all. Without a sleep argument, aretry awaits "
                         "asyncio.sleep(delay), the event loop's own sleep.", show_got=False)


FAST = dict(attempts=3, base_delay=0.0, max_delay=0.0, jitter="none")  # the decorator sleeps for real: 0 s


def _decorated(script: Script, source: str, function: Any) -> Any:
    policy = _new_policy(script, **FAST)
    return script.run("decorate", lambda: solution().retrying(policy)(function), shown=source)


@scored(points=2, level=4)
def test_retrying_retries_a_sync_function():
    script = Script()
    fn = Flaky(2)
    script.run("setup", lambda: None, shown="fn = Flaky(2)")

    def fetch(user_id, *, fresh=False):
        return (user_id, fresh, fn())

    fetch = _decorated(script, "@retrying(policy)\ndef fetch(user_id, *, fresh=False):\n"
                               "    return (user_id, fresh, fn())", fetch)
    got = script.run("call", fetch, 7, fresh=True, shown="fetch(7, fresh=True)")
    script.expect(got, (7, True, "ok"), "fetch(7, fresh=True) returned {got}; the decorated function must be retried "
                                        "with the same arguments until it returns, giving {expected}.")
    script.expect(script.run("attr", lambda: fn.calls, shown="fn.calls"), 3,
                  "fn was called {got} times; it fails twice, and attempts=3, so expected {expected}.")


@scored(points=2, level=4)
def test_retrying_retries_an_async_function():
    script = Script()
    fn = Flaky(2)
    script.run("setup", lambda: None, shown="fn = Flaky(2)")

    async def fetch(user_id, *, fresh=False):
        return (user_id, fresh, fn())

    fetch = _decorated(script, "@retrying(policy)\nasync def fetch(user_id, *, fresh=False):\n"
                               "    return (user_id, fresh, fn())", fetch)
    is_async = script.run("check", inspect.iscoroutinefunction, fetch, shown="inspect.iscoroutinefunction(fetch)")
    if is_async is not True:
        script.fail("retrying(policy) turned an async def function into a plain function. Calling an async function "
                    "only creates a coroutine, so a sync wrapper returns before the body runs and never sees its "
                    "exception. Check inspect.iscoroutinefunction(fn) and wrap it in an `async def` that awaits "
                    "aretry.", got=is_async)
    got = script.run("call", lambda: _run(fetch(7, fresh=True)), shown="asyncio.run(fetch(7, fresh=True))")
    script.expect(got, (7, True, "ok"), "asyncio.run(fetch(7, fresh=True)) returned {got}; the decorated coroutine "
                                        "function must be retried with the same arguments, giving {expected}.")
    script.expect(script.run("attr", lambda: fn.calls, shown="fn.calls"), 3,
                  "fn was called {got} times; it fails twice, and attempts=3, so expected {expected}.")


@scored(points=2, level=4)
def test_retrying_keeps_the_name_and_docstring():
    def fetch_user(user_id):
        """Fetch one user from the API."""
        return user_id

    async def fetch_page(url):
        """Fetch one page."""
        return url

    for function, header, body in ((fetch_user, "def fetch_user(user_id)", "return user_id"),
                                   (fetch_page, "async def fetch_page(url)", "return url")):
        script = Script()
        source = f'@retrying(policy)\n{header}:\n    """{function.__doc__}"""\n    {body}'
        wrapped = _decorated(script, source, function)
        for attr in ("__name__", "__doc__"):
            got = script.run("attr", lambda: getattr(wrapped, attr, None), shown=f"{function.__name__}.{attr}")
            script.expect(got, getattr(function, attr),
                          f"The decorated function's {attr} is {{got}}, expected {{expected}}: decorate the wrapper "
                          "with functools.wraps(fn) so logs, tracebacks and help() still show the real function.")
