"""Everything the grader shows on a terminal, in one place (rich)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from grader.catalog import ROOT, Kata
from grader.results import Report, Status, TestStatus

_STATUS_STYLE = {
    Status.PASSED: "bold green", Status.FAILED: "bold red", Status.ERROR: "bold red",
    Status.TIMEOUT: "bold yellow", Status.NOT_STARTED: "bold cyan",
}
_TEST_MARK = {
    TestStatus.PASSED: ("✓", "green"), TestStatus.FAILED: ("✗", "red"), TestStatus.TIMEOUT: ("⏱", "yellow"),
    TestStatus.CRASHED: ("✗", "red"), TestStatus.NOT_RUN: ("·", "dim"),
}
MAX_FAILURES_SHOWN = 5


def _display_path(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        try:
            return str(Path(path).resolve().relative_to(ROOT))
        except ValueError:
            return path


def kata_table(katas: list[Kata]) -> Table:
    table = Table(title="Katas", title_justify="left", show_edge=False, header_style="bold")
    table.add_column("kata", style="bold cyan")
    table.add_column("title")
    table.add_column("difficulty")
    table.add_column("minutes", justify="right")
    table.add_column("levels")
    for kata in katas:
        table.add_row(kata.name, kata.title, kata.difficulty, str(kata.minutes), " → ".join(kata.levels))
    return table


def welcome(console: Console, katas: list[Kata]) -> None:
    console.print(kata_table(katas))
    first = katas[0].name if katas else "lru"
    console.print(
        f"\nStart with [bold]katas/{first}/README.md[/], fill in [bold]katas/{first}/{first}.py[/], "
        f"then run [bold cyan]grade {first}[/]. [dim]grade --help for everything else.[/]"
    )


def report(console: Console, kata: Kata, result: Report, verbose: bool = False) -> None:
    style = _STATUS_STYLE[result.status]
    header = Text.assemble((f"{kata.name}", "bold cyan"), f" · {kata.title} · ", (_display_path(result.file), "dim"))
    console.print(header)

    if result.status is Status.ERROR:
        body = [Text(result.problem, style="bold")]
        if result.problem_detail:
            body.append(Text(result.problem_detail))
        console.print(Panel(Group(*body), title="cannot grade", title_align="left", border_style="red"))
    elif result.status is Status.NOT_STARTED:
        folder = _display_path(str(kata.folder))
        console.print(Panel(
            f"Every test stopped at a [bold]NotImplementedError[/]: the stub is untouched so far.\n"
            f"Start here: read [bold]{folder}/README.md[/], then replace the bodies in "
            f"[bold]{_display_path(result.file)}[/]. [bold]pytest {folder}[/] runs the visible examples; "
            f"[bold cyan]grade {kata.name}[/] runs the hidden ones.",
            title="not started", title_align="left", border_style="cyan"))

    console.print(Text.assemble("Score ", (f"{result.score}/100", style), "  ", (result.status.value, style)))
    levels = Table(show_header=False, show_edge=False, box=None, padding=(0, 2))
    for level in result.levels:
        mark = "🔒 locked" if level.locked else ("✓" if level.points == level.max_points else "")
        levels.add_row(f"Level {level.level}", level.name, f"{level.points}/{level.max_points} pts", mark)
    console.print(Padding(levels, (0, 0, 1, 2)))

    if result.status is not Status.ERROR:
        _tests(console, result, verbose)
    if verbose and result.output:
        console.print(Panel(Text(result.output), title="what your code printed", title_align="left"))
    console.print(Text(f"{result.duration_s:.2f} s · seed {result.seed}", style="dim"))


def _tests(console: Console, result: Report, verbose: bool) -> None:
    failures = [t for t in result.tests if t.status is not TestStatus.PASSED]
    for test in result.tests:
        mark, colour = _TEST_MARK[test.status]
        console.print(Text.assemble(f"  {mark} ", (test.title, colour), (f"  level {test.level}, {test.points} pts", "dim")))
    if result.status is Status.NOT_STARTED:
        return
    for test in failures[:MAX_FAILURES_SHOWN]:
        mark, colour = _TEST_MARK[test.status]
        body: list = [Text(test.message)]
        if test.counterexample:
            body.append(Text("\nSmallest failing case (paste it to replay):", style="bold"))
            body.append(Syntax(test.counterexample, "python", theme="ansi_dark", background_color="default"))
        if verbose and test.user_traceback:
            body.append(Text("\nWhere it happened in your code:", style="bold"))
            body.append(Text(test.user_traceback))
        console.print(Panel(Group(*body), title=f"{mark} {test.title}", title_align="left", border_style=colour))
    hidden = len(failures) - MAX_FAILURES_SHOWN
    if hidden > 0:
        console.print(Text(f"  ... and {hidden} more failing tests (--json lists them all)", style="dim"))
