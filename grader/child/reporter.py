"""The pytest plugin loaded in the child: times each test, turns its outcome into one event.

Events go to the parent as JSON lines on a pipe of their own, so nothing the user's code prints can
be mistaken for a result. The parent knows from the suite's source which tests exist; this plugin
only says how each one went.
"""

from __future__ import annotations

import signal
import sys
import traceback
from typing import Any, Callable

import pytest
from hypothesis.errors import Flaky

from grader.harness import PropertyFailed, UserCodeRaised

STATE_HINT = (
    "Your code gave different answers when the same calls were replayed on a new object. "
    "Does it keep state outside the instance (a class attribute, a module-level variable, "
    "a mutable default argument) or depend on randomness?"
)


def _unimplemented(exc: BaseException) -> str:
    """'NotImplementedError' when a failure was caused by a stub body still in place, so the stub reads as not started."""
    seen = exc.__context__
    while seen is not None:
        if isinstance(seen, NotImplementedError):
            return "NotImplementedError"
        seen = seen.__context__
    return ""


class TestTimedOut(BaseException):
    """Raised by the alarm. A BaseException that hypothesis does not catch, so it never retries a hang."""


class Reporter:
    def __init__(self, emit: Callable[[dict], None], user_file: str, timeouts: dict[str, float],
                 fingerprint: Callable[[], Any], tampered: Callable[[Any], str | None], capture: Any,
                 max_timeouts: int, start: Callable[[Any], bool]):
        self._emit = emit
        self._user_file = user_file
        self._timeouts = timeouts
        self._fingerprint = fingerprint
        self._tampered = tampered
        self._baseline: Any = None
        self._capture = capture
        self._timeouts_left = max_timeouts
        self._start = start
        self._in_call = False
        self._outcome: dict[str, Any] = {}

    def pytest_sessionstart(self, session: Any) -> None:
        sys.stdout = sys.stderr = self._capture

    def pytest_collection_finish(self, session: Any) -> None:
        # pytest patches a few of its own classes while it configures, so the baseline for
        # "did a test change the machinery" is taken once it is ready to run, before the user's code.
        self._baseline = self._fingerprint()
        if not self._start(self._baseline):
            pytest.exit("the user's file cannot be graded", returncode=pytest.ExitCode.INTERRUPTED)

    # -- timing ---------------------------------------------------------------------------------
    def _alarm(self, signum: int, frame: Any) -> None:
        if self._in_call:
            raise TestTimedOut()

    @pytest.hookimpl(tryfirst=True)
    def pytest_collection_modifyitems(self, items: list) -> None:
        for item in items:
            # The hard limit: pytest-timeout ends the whole child if the alarm below cannot
            # (code stuck in C, or a loop that swallows every exception). The parent notices and
            # grades the remaining tests in a fresh child.
            item.add_marker(pytest.mark.timeout(self._timeouts.get(item.name, 5.0) + 3.0, method="thread"))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item: Any):
        timeout = self._timeouts.get(item.name, 5.0)
        previous = signal.signal(signal.SIGALRM, self._alarm)
        self._in_call = True
        # Fire again every 0.2 s after the limit, in case the user's code catches the first one.
        signal.setitimer(signal.ITIMER_REAL, timeout, 0.2)
        try:
            yield
        finally:
            self._in_call = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    # -- reporting ------------------------------------------------------------------------------
    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item: Any, nextitem: Any):
        self._outcome = {"test": item.name, "status": "passed"}
        self._emit({"event": "start", "test": item.name})
        yield
        tampered = self._tampered(self._baseline)
        if tampered:
            self._emit({"event": "tampered", "test": item.name, "what": tampered})
            pytest.exit("tampered", returncode=pytest.ExitCode.INTERRUPTED)
        self._emit({"event": "result", **self._outcome})
        if self._outcome["status"] == "timeout":
            self._timeouts_left -= 1
            if self._timeouts_left <= 0:
                # One hang usually hangs every test that reaches it: stop, and say so, rather than
                # make the user wait out each test's full limit.
                item.session.shouldstop = "too many timeouts"
                self._emit({"event": "stopped", "reason": "timeouts"})

    def pytest_runtest_logreport(self, report: Any) -> None:
        if report.passed or self._outcome.get("status") != "passed":
            return
        self._outcome.update(self._describe(report, report.when))

    def _describe(self, report: Any, when: str) -> dict[str, Any]:
        excinfo = getattr(report, "_grader_excinfo", None)
        if excinfo is None:
            return {"status": "failed", "message": f"The hidden test failed during {when}.", "error_type": ""}
        exc = excinfo.value
        timeout = self._timeouts.get(self._outcome["test"], 5.0)
        if isinstance(exc, TestTimedOut):
            return {
                "status": "timeout",
                "message": f"This test did not finish within {timeout:g} s. Look for an infinite loop, "
                "or for a step that does far more work than it should.",
            }
        if isinstance(exc, PropertyFailed):
            return {"status": "failed", "message": exc.message, "counterexample": exc.script,
                    "replay": exc.replay, "error_type": _unimplemented(exc)}
        if isinstance(exc, UserCodeRaised):
            original = exc.original
            message = exc.message
            if isinstance(original, MemoryError):
                message += " (your code ran out of memory: the grader allows 2 GiB)"
            if isinstance(original, RecursionError):
                message += " (recursion too deep: is a base case missing?)"
            return {
                "status": "failed",
                "message": message,
                "counterexample": exc.script,
                "replay": exc.replay,
                "error_type": type(original).__name__,
                "user_traceback": self._user_frames(original),
            }
        if isinstance(exc, Flaky):
            return {"status": "failed", "message": STATE_HINT, "error_type": type(exc).__name__}
        notes = "\n".join(getattr(exc, "__notes__", []))
        return {
            "status": "failed",
            "message": f"{type(exc).__name__}: {exc}".strip().rstrip(":"),
            "counterexample": notes.replace("Falsifying example: ", "").strip(),
            "error_type": type(exc).__name__,
            "user_traceback": self._user_frames(exc),
        }

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item: Any, call: Any):
        outcome = yield
        report = outcome.get_result()
        if call.excinfo is not None:
            report._grader_excinfo = call.excinfo

    def _user_frames(self, exc: BaseException) -> str:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == self._user_file]
        if not frames:
            return ""
        return "".join(traceback.format_list(frames)) + f"{type(exc).__name__}: {exc}\n"
