"""Practice sessions: regrade on every save, against the clock or not, and record every attempt.

The loop is written against three small seams so tests can drive it without files or time:
`grade(kata) -> Report`, `wait_for_save(kata, timeout) -> bool`, and `clock() -> seconds`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

from grader.catalog import Kata
from grader.report import Report, Status, TestStatus

SOLVED, TIME_UP, INTERRUPTED = "solved", "time_up", "interrupted"


@dataclass
class KataRun:
    kata: Kata
    report: Report | None = None
    best_score: int = 0
    regrades: int = 0

    @property
    def level(self) -> int:
        """The first level not yet full: what the user is working on."""
        if self.report is None:
            return 1
        for level in self.report.levels:
            if level.points < level.max_points:
                return level.level
        return len(self.report.levels)

    @property
    def first_failure(self):
        if self.report is None:
            return None
        return next((t for t in self.report.tests if t.status is not TestStatus.PASSED), None)


@dataclass
class SessionState:
    kind: str
    """practice, mock or watch."""
    runs: list[KataRun]
    started: float
    minutes: float | None
    interview: bool
    current: int = 0
    outcome: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def run(self) -> KataRun:
        return self.runs[self.current]

    def time_left(self, now: float) -> float | None:
        if self.minutes is None:
            return None
        return max(0.0, self.started + self.minutes * 60 - now)


class PracticeLoop:
    def __init__(
        self,
        kind: str,
        katas: list[Kata],
        *,
        minutes: float | None,
        interview: bool,
        grade: Callable[[Kata], Report],
        wait_for_save: Callable[[Kata, float], bool],
        record: Callable[[Kata, Report, float], None],
        show: Callable[[SessionState], None] = lambda state: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.state = SessionState(kind, [KataRun(k) for k in katas], clock(), minutes, interview)
        self._grade = grade
        self._wait_for_save = wait_for_save
        self._record = record
        self._show = show
        self._clock = clock

    def _regrade(self) -> None:
        run = self.state.run
        run.report = self._grade(run.kata)
        run.regrades += 1
        run.best_score = max(run.best_score, run.report.score)
        self._record(run.kata, run.report, self._clock() - self.state.started)
        self._show(self.state)

    def _solved(self) -> bool:
        report = self.state.run.report
        return report is not None and report.status is Status.PASSED

    def run(self) -> SessionState:
        """Run until every kata is solved (watch: until interrupted), time is up, or Ctrl-C."""
        state = self.state
        try:
            while True:
                self._regrade()
                while state.kind == "watch" or not self._solved():
                    left = state.time_left(self._clock())
                    if left is not None and left <= 0:
                        state.outcome = TIME_UP
                        return state
                    if self._wait_for_save(state.run.kata, 1.0 if left is None else min(1.0, left)):
                        self._regrade()
                    else:
                        self._show(state)
                if state.current + 1 == len(state.runs):
                    state.outcome = SOLVED
                    return state
                state.current += 1
        except KeyboardInterrupt:
            state.outcome = INTERRUPTED
            return state
