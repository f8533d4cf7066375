"""grade watch, grade practice, grade mock: regrade on every save, with or without a clock."""

from __future__ import annotations

import sys
import time
from contextlib import contextmanager, nullcontext
from typing import Iterator, Optional

import typer

from grader import catalog
from grader.catalog import Kata
from grader.cli import render
from grader.cli.commands.common import EXIT_FAILED, KATA, console, kata_or_exit, record_attempt, warn
from grader.grading import WarmGrader
from grader.practice import progress
from grader.practice.history import History, HistoryError
from grader.practice.loop import ALREADY_SOLVED, PracticeLoop, SessionState
from grader.practice.watcher import SaveWatcher
from grader.report import Report

INTERVIEW_HELP = "Interview mode: hints and compare are off, as in a real round."
MAX_MINUTES = 600


class _Lines:
    """A session's output when it is not a terminal: one line per regrade, nothing redrawn."""

    def __init__(self) -> None:
        self._last: tuple | None = None

    def __call__(self, state: SessionState) -> None:
        run = state.run
        shown = (state.current, run.regrades, run.grading)
        if shown != self._last:
            self._last = shown
            console.print(render.session_line(state, time.monotonic()))


@contextmanager
def _quiet_control_keys() -> Iterator[None]:
    """The terminal does not echo ^C: the echo would shift the live panel, which then leaves a border behind."""
    try:
        import termios

        fd = sys.stdin.fileno()
        saved = termios.tcgetattr(fd)
    except (ImportError, OSError, ValueError, AttributeError):
        yield
        return
    quiet = list(saved)
    quiet[3] &= ~termios.ECHOCTL
    termios.tcsetattr(fd, termios.TCSANOW, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSANOW, saved)


def _run(kind: str, katas: list[Kata], minutes: float | None, interview: bool) -> None:
    store = History()
    try:
        session_id = store.start_session(kind, [k.name for k in katas], minutes, interview)
    except HistoryError as exc:
        warn(f"{exc} The session still runs; its results go to a file beside the database.")
        session_id = None

    def record(kata: Kata, report: Report, elapsed: float) -> None:
        record_attempt(kata, kata.work_file, report, mode=kind,
                       elapsed_s=None if kind == "watch" else round(elapsed, 1), session_id=session_id)

    live = None
    if console.is_terminal:
        from rich.live import Live

        live = Live(console=console, auto_refresh=True, refresh_per_second=4, transient=True)
    with WarmGrader() as grader, _quiet_control_keys(), (live or nullcontext()):
        session = PracticeLoop(
            kind, katas, minutes=minutes, interview=interview,
            grade=lambda kata: grader.grade(kata, kata.work_file), cancel=grader.cancel,
            wait_for_save=SaveWatcher(), record=record, clock=time.monotonic,
            show=(lambda state: None) if live else _Lines(),
            announce=lambda kata, level: render.level_unlocked(live.console if live else console, kata, level))
        if live:
            live.update(render.LiveSession(session.state, time.monotonic), refresh=True)
        state = session.run()
    if session_id is not None:
        try:
            store.end_session(session_id, state.outcome or "interrupted")
        except HistoryError as exc:
            warn(str(exc))
    if state.outcome == ALREADY_SOLVED:
        render.already_solved(console, state.run.kata)
        raise typer.Exit(EXIT_FAILED)
    render.session_summary(console, state, time.monotonic())


def watch(name: str = KATA) -> None:
    """Regrade KATA every time you save it, with no timer (Ctrl-C to stop)."""
    _run("watch", [kata_or_exit(name)], None, interview=False)


def practice(
    name: str = KATA,
    minutes: Optional[float] = typer.Option(None, "--minutes", "-m", min=1, max=MAX_MINUTES, metavar="N",
                                            help="Default: the kata's own."),
    interview: bool = typer.Option(False, "--interview", help=INTERVIEW_HELP),
) -> None:
    """A timed session on KATA: regrades on every save until 100, time up, or Ctrl-C."""
    kata = kata_or_exit(name)
    _run("practice", [kata], minutes or kata.minutes, interview)


def mock(
    minutes: float = typer.Option(90, "--minutes", "-m", min=10, max=MAX_MINUTES, metavar="N", help="Length of the round."),
    interview: bool = typer.Option(False, "--interview", help=INTERVIEW_HELP),
) -> None:
    """A mock coding round: katas you have not solved, one timed session, one summary."""
    try:
        attempts = History().attempts()
    except HistoryError as exc:
        warn(f"{exc} Picking katas without your history.")
        attempts = []
    katas = progress.mock_round(catalog.all_katas(), attempts, minutes)
    _run("mock", katas, minutes, interview)
