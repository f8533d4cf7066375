"""The pytest plugin loaded in the child: limits each test's CPU time and reports how each test went, as facts.

The parent knows from the suite's source which tests exist; this plugin only says how each one went.
"""

from __future__ import annotations

import sys
import traceback
from typing import Any, Callable

import pytest
from hypothesis.errors import Flaky

from grader import limits
from grader.child import guards
from grader.harness import PropertyFailed, UserCodeRaised
from grader.protocol import Event, Failure, RunRequest, StoppedAfterTimeouts, Tampered, TestFinished, TestStarted


def _not_implemented(exc: BaseException) -> bool:
    """A failure caused by a stub body still in place, so the work file reads as not started."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, NotImplementedError) or isinstance(getattr(seen, "original", None), NotImplementedError):
            return True
        seen = seen.__context__
    return False


class TestTimedOut(BaseException):
    """Raised by the alarm. A BaseException that hypothesis does not catch, so it never retries a hang."""

    __test__ = False


class Reporter:
    def __init__(self, emit: Callable[[Event], None], request: RunRequest, capture: Any,
                 start: Callable[[Any], bool]):
        self._emit = emit
        self._user_file = request.target
        self._timeouts = request.timeouts
        self._baseline: Any = None
        self._capture = capture
        self._timeouts_left = limits.MAX_TIMEOUTS
        self._timed_out = 0
        self._start = start
        self._alarm = guards.Alarm(TestTimedOut)
        self._failure: Failure | None = None

    def _limit(self, test: str) -> float:
        return self._timeouts.get(test, limits.TEST_TIMEOUT_S)

    def pytest_sessionstart(self, session: Any) -> None:
        sys.stdout = sys.stderr = self._capture

    def pytest_collection_finish(self, session: Any) -> None:
        # pytest patches a few of its own classes while it configures, so the baseline for
        # "did a test change the machinery" is taken once it is ready to run, before the learner's code.
        self._baseline = guards.fingerprint()
        if not self._start(self._baseline):
            pytest.exit("the learner's file cannot be graded", returncode=pytest.ExitCode.INTERRUPTED)

    # -- time limits ------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list) -> None:
        for item in items:
            # The outer guard, in wall-clock time: pytest-timeout ends the whole child if the alarm
            # cannot (code asleep, stuck in C, or a loop that swallows every exception). The parent
            # notices and grades the remaining tests in a fresh child.
            item.add_marker(pytest.mark.timeout(limits.wall_clock_limit(self._limit(item.name)), method="thread"))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: Any):
        self._alarm.start(self._limit(item.name))
        try:
            yield
        finally:
            self._alarm.stop()

    # -- reporting --------------------------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any):
        self._failure = None
        self._emit(TestStarted(item.name))
        yield
        tampered = guards.tampered(self._baseline)
        if tampered:
            self._emit(Tampered(tampered, item.name))
            pytest.exit("tampered", returncode=pytest.ExitCode.INTERRUPTED)
        self._emit(TestFinished(item.name, self._failure is None, self._failure))
        if self._failure is not None and self._failure.kind == "timeout":
            self._timed_out += 1
            if self._timed_out >= limits.MAX_TIMEOUTS:
                # One hang usually hangs every test that reaches it: stop, and say so, rather than
                # make the learner wait out each test's full limit.
                item.session.shouldstop = "too many timeouts"
                self._emit(StoppedAfterTimeouts(self._timed_out))

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.passed or self._failure is not None:
            return
        excinfo = getattr(report, "_grader_excinfo", None)
        if excinfo is None:
            self._failure = Failure("setup", when=report.when)
            return
        self._failure = self._describe(excinfo.value)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: Any, call: Any):
        outcome = yield
        report = outcome.get_result()
        if call.excinfo is not None:
            report._grader_excinfo = call.excinfo

    def _describe(self, exc: BaseException) -> Failure:
        if isinstance(exc, TestTimedOut):
            return Failure("timeout")
        if isinstance(exc, PropertyFailed):
            return Failure("property", message=exc.message, counterexample=exc.script, replay=exc.replay,
                           not_implemented=_not_implemented(exc))
        if isinstance(exc, UserCodeRaised):
            original = exc.original
            return Failure("raised", message=exc.message, call=exc.call, error_type=type(original).__name__,
                           error=str(original), counterexample=exc.script, replay=exc.replay, rule=exc.rule,
                           user_traceback=self._learner_frames(original),
                           not_implemented=isinstance(original, NotImplementedError))
        if isinstance(exc, Flaky):
            return Failure("flaky", error_type=type(exc).__name__, not_implemented=_not_implemented(exc))
        notes = "\n".join(getattr(exc, "__notes__", []))
        return Failure("error", error_type=type(exc).__name__, error=str(exc),
                       counterexample=notes.replace("Falsifying example: ", "").strip(),
                       user_traceback=self._learner_frames(exc), not_implemented=_not_implemented(exc))

    def _learner_frames(self, exc: BaseException) -> str:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == self._user_file]
        if not frames:
            return ""
        return "".join(traceback.format_list(frames)) + f"{type(exc).__name__}: {exc}\n"
