"""What the command modules share: the console, and turning lookups into one-line usage errors."""

from __future__ import annotations

import typer
from rich.console import Console

from pathlib import Path

from grader import catalog, messages
from grader.practice.history import Attempt, History, HistoryError, file_hash, now_iso
from grader.report import Report

EXIT_PASSED, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

def _kata_names(incomplete: str) -> list[str]:
    """Shell completion: the katas whose names start with what was typed."""
    return [kata.name for kata in catalog.all_katas() if kata.name.startswith(incomplete)]


KATA = typer.Argument(..., metavar="KATA", help="The kata, for example lru.", autocompletion=_kata_names)

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False, soft_wrap=True)


def usage_error(message: str) -> typer.Exit:
    """Print one error line; raise the result to exit 2 (the command was used wrongly)."""
    errors.print(f"[bold red]error:[/] {message}")
    return typer.Exit(EXIT_USAGE)


def failure(message: str) -> typer.Exit:
    """Print one error line; raise the result to exit 1 (the command could not do its job)."""
    errors.print(f"[bold red]error:[/] {message}")
    return typer.Exit(EXIT_FAILED)


def refuse_during_interview(store: History, what: str) -> None:
    """Hints and compare stay off while an interview-mode session runs, as in a real round."""
    if store.open_interview_session() is not None:
        raise failure(f"{what} off during an interview-mode session, as in a real round.")


def interrupted() -> None:
    """Ctrl-C: one line (the exit code is 130). An interrupted run says nothing about the code: none is recorded."""
    errors.print(f"[bold yellow]interrupted:[/] {messages.INTERRUPTED}")


def warn(message: str) -> None:
    errors.print(f"[bold yellow]warning:[/] {message}")


def kata_or_exit(name: str) -> catalog.Kata:
    try:
        return catalog.find(name)
    except catalog.UnknownKata as exc:
        raise usage_error(str(exc)) from None


def history_or_exit() -> History:
    """The history store, checked readable now, so a damaged database is one clear line, not a traceback."""
    store = History()
    try:
        store.check()
    except HistoryError as exc:
        raise failure(str(exc)) from None
    return store


def record_attempt(kata: catalog.Kata, target: Path, report: Report, mode: str = "grade",
                   elapsed_s: float | None = None, session_id: int | None = None) -> None:
    """Every graded attempt goes into the history; if the history fails, the result is kept and the user told where."""
    store = History()
    try:
        hints_used = store.hints_used(kata.name)
    except HistoryError:
        hints_used = 0
    attempt = Attempt(
        kata=kata.name, at=now_iso(), duration_s=round(report.duration_s, 3), score=report.score,
        status=report.status.value, hints_used=hints_used, file_hash=file_hash(target), mode=mode,
        levels=[{"level": lv.level, "points": lv.points, "max_points": lv.max_points} for lv in report.levels],
        elapsed_s=elapsed_s, session_id=session_id,
    )
    for trouble in store.record_or_keep(attempt):
        warn(trouble)
