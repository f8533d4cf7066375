"""The typer app of `grade`. Thin: it parses, calls the pipeline, renders, and chooses the exit code."""

from __future__ import annotations

import difflib
import json
import sys
from pathlib import Path
from typing import Optional

import typer
from typer.core import TyperCommand, TyperGroup

from grader import catalog
from grader.cli import render
from grader.cli.commands import compare, dev, hint, pin, practice, reset, review
from grader.cli.commands.common import (
    KATA,
    EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, EXIT_USAGE, console, interrupted, kata_or_exit, record_attempt,
    usage_error,
)
from grader.grading import grade, plan
from grader.practice import progress
from grader.practice.history import History, HistoryError
from grader.report import Status

__all__ = ["app", "run", "EXIT_PASSED", "EXIT_FAILED", "EXIT_USAGE"]

# Typer has moved between wrapping click and vendoring it; BadParameter derives from UsageError in both.
UsageError = next(cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError")


class _KataFirstGroup(TyperGroup):
    """`grade lru` means `grade kata lru`: any first word that is not a command names a kata."""

    def resolve_command(self, ctx, args: list[str]):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            name, command, rest = super().resolve_command(ctx, ["kata", *args])
            return "KATA", command, rest  # its help then reads `grade KATA [OPTIONS]`, never `grade kata`
        return super().resolve_command(ctx, args)

    def list_commands(self, ctx) -> list[str]:
        return [name for name in super().list_commands(ctx) if name != "kata"]

    def shell_complete(self, ctx, incomplete: str) -> list:
        """`grade <TAB>` offers the katas as well as the commands."""
        from typer._click.shell_completion import CompletionItem

        katas = [CompletionItem(kata.name) for kata in catalog.all_katas() if kata.name.startswith(incomplete)]
        return katas + super().shell_complete(ctx, incomplete)


class _KataCommand(TyperCommand):
    def collect_usage_pieces(self, ctx) -> list[str]:
        return ["[OPTIONS]"]


app = typer.Typer(
    cls=_KataFirstGroup,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no `<bool>` after each flag
    help="Grade your kata solutions against hidden property-based tests.\n\nUsage: grade KATA [--file PATH] "
    "[--reference] [--json] [--seed N] [--verbose]",
)


@app.callback(invoke_without_command=True)
def start(ctx: typer.Context) -> None:
    """Grade your kata solutions against hidden property-based tests."""
    if ctx.invoked_subcommand is None:
        katas = catalog.all_katas()
        try:
            attempts = History().attempts()
        except HistoryError:
            attempts = []  # a damaged history must not stop the first command a new user types
        suggested = progress.suggest_next(katas, attempts)
        render.welcome(console, katas, suggested[0][0].name if suggested else "lru")


@app.command("list")
def list_katas() -> None:
    """Show every kata with its title, difficulty, levels and suggested minutes."""
    console.print(render.kata_table(catalog.all_katas(), console.width))


@app.command("kata", hidden=True, cls=_KataCommand)
def grade_kata(
    name: str = KATA,
    file: Optional[Path] = typer.Option(None, "--file", "-f", metavar="PATH", help="Grade this file instead of katas/KATA/KATA.py."),
    reference: bool = typer.Option(False, "--reference", help="Grade the reference solution."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of the report."),
    seed: int = typer.Option(0, "--seed", min=0, metavar="N", help="Change the generated examples."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Show tracebacks from your code and its output."),
) -> None:
    """Grade KATA: run its hidden tests against your file and show the score."""
    kata = kata_or_exit(name)
    if file is not None and reference:
        raise usage_error("--file and --reference pick different files: use one of them.")
    target = kata.reference if reference else (file if file is not None else kata.work_file)
    if not target.is_file():
        raise usage_error(render.not_a_file(target))
    progress = render.GradingProgress(kata, plan(kata))
    try:
        with progress.shown(console, enabled=not as_json):
            report = grade(kata, target, seed, on_event=progress.on_event)
    except KeyboardInterrupt:
        raise typer.Exit(EXIT_INTERRUPTED) from None  # run() says so, once
    if not reference:
        record_attempt(kata, target, report)  # first, so output cut short (grade lru | head) loses nothing
    if as_json:
        typer.echo(json.dumps(report.to_json(), indent=2))
    else:
        render.report(console, kata, report, verbose)
    raise typer.Exit(EXIT_PASSED if report.status is Status.PASSED else EXIT_FAILED)


app.command("history")(review.history)
app.command("stats")(review.stats)
app.command("next")(review.next_kata)
app.command("hint")(hint.hint)
app.command("reset")(reset.reset)
app.command("watch")(practice.watch)
app.command("practice")(practice.practice)
app.command("mock")(practice.mock)
app.command("pin")(pin.pin)
app.command("compare")(compare.compare)
app.add_typer(dev.app, name="dev")


def _usage_message(exc: Exception) -> str:
    """click's message, with a suggestion only when an option really is close to what was typed."""
    possibilities = getattr(exc, "possibilities", None)
    typed = getattr(exc, "option_name", None)
    if possibilities is None or typed is None:
        return exc.format_message()
    close = difflib.get_close_matches(typed, possibilities, n=1, cutoff=0.75)
    return f"No such option: {typed}" + (f". Did you mean {close[0]}?" if close else "")


def run(args: list[str] | None = None) -> None:
    """Run the command line (sys.argv, or `args`): click's usage errors become one line and exit code 2."""
    try:
        # Not standalone: click then returns the exit code of typer.Exit instead of calling sys.exit.
        code = app(args=args, prog_name="grade", standalone_mode=False)
    except UsageError as exc:
        usage_error(f"{_usage_message(exc)} (try 'grade --help')")
        sys.exit(EXIT_USAGE)
    except (typer.Abort, KeyboardInterrupt):
        code = EXIT_INTERRUPTED
    if code == EXIT_INTERRUPTED:  # Ctrl-C anywhere in a command (typer turns it into exit code 130)
        interrupted()
    sys.exit(code if isinstance(code, int) else 0)
