"""grade dev new / grade dev check: the kata author's commands, kept apart from the learner's."""

from __future__ import annotations

from typing import Optional

import typer

from grader import catalog
from grader.authoring import contract, scaffold
from grader.cli import render
from grader.cli.commands.common import EXIT_FAILED, console, kata_or_exit, usage_error
from grader.grading import WarmGrader

app = typer.Typer(help="Tools for kata authors: scaffold a kata, check it against the kata contract "
                       "(docs/authoring.md).", no_args_is_help=True)


@app.command("new")
def new(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME", help="The new kata's name, e.g. rate_limiter.")
        ) -> None:
    """Scaffold every file of a new kata: a small working example to replace with yours."""
    commands = set(ctx.find_root().command.list_commands(ctx)) | {"kata"}
    try:
        written = scaffold.create(name, commands)
    except scaffold.ScaffoldError as exc:
        raise usage_error(str(exc)) from None
    render.scaffolded(console, name, written)


@app.command("check")
def check(name: Optional[str] = typer.Argument(None, metavar="[KATA]", help="Only this kata (default: all).")) -> None:
    """Run the kata contract on KATA (or on every kata) and print a checklist."""
    katas = [kata_or_exit(name)] if name else catalog.all_katas()
    failed = 0
    with WarmGrader() as grader:
        for kata in katas:
            render.contract_header(console, kata)
            verdicts = contract.run_all(kata, grader, lambda verdict: render.verdict(console, verdict))
            failed += render.contract_summary(console, kata, verdicts)
    if failed:
        raise typer.Exit(EXIT_FAILED)
