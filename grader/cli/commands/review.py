"""grade history, grade stats, grade next: what the practice history says."""

from __future__ import annotations

from datetime import date
from typing import Optional

import typer

from grader import catalog
from grader.cli import render
from grader.practice import progress
from grader.cli.commands.common import console, history_or_exit, kata_or_exit


def history(kata: Optional[str] = typer.Argument(None, metavar="[KATA]", help="Only this kata.")) -> None:
    """Show your attempts, best score and best time per kata, and your score over time."""
    katas = [kata_or_exit(kata)] if kata else catalog.all_katas()
    store = history_or_exit()
    attempts = store.attempts(kata) if kata else store.attempts()
    render.history(console, katas, attempts, progress.per_kata(katas, attempts))


def stats() -> None:
    """Show solved, started and untouched katas, total practice time and your streak."""
    store = history_or_exit()
    summary = progress.stats(catalog.all_katas(), store.attempts(), store.sessions(), date.today())
    render.stats(console, summary)


def next_kata() -> None:
    """Suggest what to practise next: unsolved first, then katas due for review."""
    store = history_or_exit()
    render.suggestions(console, progress.suggest_next(catalog.all_katas(), store.attempts()))
