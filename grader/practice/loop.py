"""Practice sessions: regrade on every save, against the clock or not, and record every attempt.

The loop is written against small seams so tests can drive it without files, threads or time:
`grade(kata) -> Report`, `cancel()`, `wait_for_save(kata, timeout) -> bool`, and `clock() -> seconds`.
A regrade runs on a thread of its own: a save while it runs cancels it and starts a new one, and the
screen says "grading..." at once instead of showing a score that no longer applies.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from grader.catalog import Kata
from grader.report import Report, Status, TestStatus

SOLVED, TIME_UP, INTERRUPTED, ALREADY_SOLVED = "solved", "time_up", "interrupted", "already_solved"
TICK_S = 0.25
"""How often the loop looks at the clock while it waits for a save."""
GRADING_TICK_S = 0.02
"""How often it looks at a regrade in progress: the new score is shown within this of being known."""


@dataclass
class KataRun:
    kata: Kata
    report: Report | None = None
    best_score: int = 0
    regrades: int = 0
    grading: bool = False
    """A regrade is running: the report shown is from the previous save."""
    unlocked: int = 1
    """The highest level whose statement the learner has seen (gated katas)."""
    solved_before: bool = False
    """The file already scored 100 when the session reached this kata."""

    @property
    def level(self) -> int:
        """The first level not yet full: what the learner is working on."""
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


class _Regrade:
    """One grading of the learner's file on a thread of its own."""

    def __init__(self, grade: Callable[[Kata], Report], kata: Kata, background: bool, initial: bool) -> None:
        self.initial = initial
        """Started with the session (or the kata), not by a save: the file as the learner came to it."""
        self.report: Report | None = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        if background:
            threading.Thread(target=self._run, args=(grade, kata), daemon=True).start()
        else:
            self._run(grade, kata)

    def _run(self, grade: Callable[[Kata], Report], kata: Kata) -> None:
        try:
            self.report = grade(kata)
        except BaseException as exc:  # handed to the loop's thread, which re-raises it
            self.error = exc
        finally:
            self._done.set()

    def finished(self, wait_s: float = 0.0) -> bool:
        return self._done.wait(wait_s)


def unlocked_level(report: Report) -> int:
    """The level a gated kata shows next: one past the levels passed in a row from level 1 (past the last
    level once all pass)."""
    passed = {level.level for level in report.levels if level.points == level.max_points and not level.locked}
    level = 1
    while level in passed:
        level += 1
    return level


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
        announce: Callable[[Kata, int], None] = lambda kata, level: None,
        cancel: Callable[[], None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
        background: bool = True,
    ) -> None:
        self.state = SessionState(kind, [KataRun(k) for k in katas], clock(), minutes, interview)
        self._grade = grade
        self._wait_for_save = wait_for_save
        self._record = record
        self._show = show
        self._announce = announce
        self._cancel = cancel
        self._clock = clock
        self._background = background
        self._regrade: _Regrade | None = None

    def _settle(self) -> None:
        """End the regrade in progress, if any: cancel it, and keep its report if it ended before the cancel."""
        previous, self._regrade = self._regrade, None
        if previous is None:
            return
        if not previous.finished():
            self._cancel()  # a newer save, time up or Ctrl-C: its file is no longer the one to grade
            previous.finished(wait_s=5.0)
        if previous.finished() and previous.error is None and previous.report is not None:
            self._take(previous)  # an attempt all the same (an interrupted one is dropped there)
            self._show(self.state)

    def _start_regrade(self, initial: bool = False) -> None:
        self._settle()
        self.state.run.grading = True
        self._show(self.state)
        self._regrade = _Regrade(self._grade, self.state.run.kata, self._background, initial)

    def _take(self, regrade: _Regrade) -> None:
        """A regrade finished: record it, and announce a level the learner has just unlocked."""
        run, report = self.state.run, regrade.report
        run.grading = False
        if report.status is Status.INTERRUPTED:
            return  # cancelled by a newer save: that save's regrade follows
        run.report = report
        if regrade.initial and report.status is Status.PASSED and self.state.kind != "watch":
            run.solved_before = True
            return  # solved before the session began: nothing to time, and nothing recorded
        run.regrades += 1
        run.best_score = max(run.best_score, report.score)
        self._record(run.kata, report, self._clock() - self.state.started)
        level = unlocked_level(report)
        if run.kata.gated and level > run.unlocked and run.kata.level_statement(level) is not None:
            run.unlocked = level
            self._announce(run.kata, level)


    def _solved(self) -> bool:
        report = self.state.run.report
        return report is not None and report.status is Status.PASSED

    def run(self) -> SessionState:
        """Run until every kata is solved (watch: until interrupted), time is up, or Ctrl-C."""
        state = self.state
        try:
            self._start_regrade(initial=True)
            while True:
                left = state.time_left(self._clock())
                if left is not None and left <= 0:
                    self._settle()
                    state.outcome = TIME_UP
                    return state
                regrade = self._regrade
                if regrade is not None and regrade.finished():
                    self._regrade = None
                    if regrade.error is not None:
                        raise regrade.error
                    self._take(regrade)
                    self._show(state)
                    if state.run.solved_before:
                        if state.kind == "practice":
                            state.outcome = ALREADY_SOLVED
                            return state
                        state.notes.append(f"{state.run.kata.name} already scored 100 when the round began")
                    if state.kind != "watch" and self._solved():
                        if state.current + 1 == len(state.runs):
                            state.outcome = SOLVED
                            return state
                        state.current += 1
                        self._start_regrade(initial=True)
                        continue
                tick = GRADING_TICK_S if self._regrade is not None else TICK_S
                if self._wait_for_save(state.run.kata, tick if left is None else min(tick, left)):
                    self._start_regrade()
                else:
                    self._show(state)
        except KeyboardInterrupt:
            self._settle()
            state.outcome = INTERRUPTED
            return state
