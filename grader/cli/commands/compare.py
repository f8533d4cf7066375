"""grade compare KATA: your file beside the reference, and your speed against it, once you have solved it."""

from __future__ import annotations

import typer

from grader.cli import render
from grader.cli.commands.common import (
    EXIT_FAILED, KATA, console, failure, history_or_exit, kata_or_exit, refuse_during_interview,
)
from grader.grading import benchmark


def compare(
    name: str = KATA,
    spoil: bool = typer.Option(False, "--spoil", help="Show the reference before you have solved the kata."),
) -> None:
    """Show your solution beside the reference, with speed ratios on the kata's benchmarks."""
    kata = kata_or_exit(name)
    store = history_or_exit()
    refuse_during_interview(store, "compare is")
    solved = any(a.score == 100 for a in store.attempts(kata.name))
    if not solved:
        if not spoil:
            raise failure(f"compare shows the reference solution, so it opens once you have scored 100 on "
                          f"{kata.name}. To look anyway: grade compare {kata.name} --spoil")
        if not typer.confirm(f"This shows the reference solution of {kata.name}, which you have not solved yet. "
                             "Show it?", default=False):
            raise typer.Exit(EXIT_FAILED)
    if not kata.work_file.is_file():
        raise failure(f"there is no file at {kata.work_file}.")
    render.comparison(console, kata, benchmark(kata, kata.work_file))
