"""grade hint KATA: the next hint, one at a time, and a note in the history that it was used."""

from __future__ import annotations

from grader.cli import render
from grader.cli.commands.common import (
    KATA, console, failure, history_or_exit, kata_or_exit, refuse_during_interview,
)
from grader.practice.history import HistoryError


def hint(name: str = KATA) -> None:
    """Reveal the next hint for KATA (they are counted in your history)."""
    kata = kata_or_exit(name)
    store = history_or_exit()
    refuse_during_interview(store, "hints are")
    if not kata.hints:
        console.print(f"{kata.name} has no hints: its README.md is all there is.")
        return
    try:
        revealed = store.reveal_hint(kata.name, len(kata.hints))
    except HistoryError as exc:
        raise failure(f"{exc} Hints are counted in the history, so none was shown.") from None
    render.hints(console, kata, revealed)
