"""grade compare KATA: your file beside the reference, and your speed against it, once you have solved it."""

from __future__ import annotations

import typer

from grader import render
from grader.commands.common import EXIT_FAILED, KATA, console, errors, history_or_exit, kata_or_exit
from grader.grading import benchmark


def compare(
    name: str = KATA,
    spoil: bool = typer.Option(False, "--spoil", help="Show the reference before you have solved the kata."),
) -> None:
    """Show your solution beside the reference, with speed ratios on the kata's benchmarks."""
    kata = kata_or_exit(name)
    store = history_or_exit()
    if store.open_interview_session() is not None:
        errors.print("[bold red]error:[/] compare is off during an interview-mode session, as in a real round.")
        raise typer.Exit(EXIT_FAILED)
    solved = any(a.score == 100 for a in store.attempts(kata.name))
    if not solved:
        if not spoil:
            errors.print(f"[bold red]error:[/] compare shows the reference solution, so it opens once you have "
                         f"scored 100 on {kata.name}. To look anyway: grade compare {kata.name} --spoil")
            raise typer.Exit(EXIT_FAILED)
        if not typer.confirm(f"This shows the reference solution of {kata.name}, which you have not solved yet. "
                             "Show it?", default=False):
            raise typer.Exit(EXIT_FAILED)
    if not kata.stub.is_file():
        errors.print(f"[bold red]error:[/] there is no file at {kata.stub}.")
        raise typer.Exit(EXIT_FAILED)
    events = benchmark(kata, kata.stub)
    render.comparison(console, kata, events)
