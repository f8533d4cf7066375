"""grade watch, grade practice, grade mock: regrade on every save, with or without a clock."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Optional

import typer
from rich.live import Live

from grader import catalog
from grader.cli import render
from grader.practice import progress
from grader.catalog import Kata
from grader.cli.commands.common import KATA, console, kata_or_exit, record_attempt, warn
from grader.grading import WarmGrader
from grader.practice.watcher import SaveWatcher
from grader.practice.history import History, HistoryError
from grader.report import Report
from grader.practice.loop import PracticeLoop

INTERVIEW_HELP = "Interview mode: hints and compare are off, as in a real round."


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

    with WarmGrader() as grader, Live(console=console, auto_refresh=True, refresh_per_second=2,
                                      transient=False) as live:
        session = PracticeLoop(kind, katas, minutes=minutes, interview=interview,
                          grade=lambda kata: grader.grade(kata, kata.work_file),
                          wait_for_save=SaveWatcher(), record=record, clock=time.monotonic,
                          show=lambda state: None)
        live.update(render.LiveSession(session.state, time.monotonic), refresh=True)
        state = session.run()
    if session_id is not None:
        try:
            store.end_session(session_id, state.outcome or "interrupted")
        except HistoryError as exc:
            warn(str(exc))
    render.session_summary(console, state, time.monotonic())


def watch(name: str = KATA) -> None:
    """Regrade KATA every time you save it, with no timer (Ctrl-C to stop)."""
    _run("watch", [kata_or_exit(name)], None, interview=False)


def practice(
    name: str = KATA,
    minutes: Optional[float] = typer.Option(None, "--minutes", "-m", min=1, help="Default: the kata's own."),
    interview: bool = typer.Option(False, "--interview", help=INTERVIEW_HELP),
) -> None:
    """A timed session on KATA: regrades on every save until 100, time up, or Ctrl-C."""
    kata = kata_or_exit(name)
    _run("practice", [kata], minutes or kata.minutes, interview)


def mock(
    minutes: float = typer.Option(90, "--minutes", "-m", min=10, help="Length of the round."),
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
