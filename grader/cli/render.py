"""Everything the grader shows on a terminal, in one place (rich)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from rich.console import Console, Group
from rich.padding import Padding
from rich.panel import Panel
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text

from grader import messages
from grader.catalog import ROOT, Kata
from grader.report import Report, Status, TestStatus

_STATUS_STYLE = {
    Status.PASSED: "bold green", Status.FAILED: "bold red", Status.ERROR: "bold red",
    Status.TIMEOUT: "bold yellow", Status.NOT_STARTED: "bold cyan", Status.INTERRUPTED: "bold yellow",
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


def not_a_file(path: Path) -> str:
    """Why a path given to --file cannot be graded, in one line."""
    if path.is_dir():
        return f"{path} is a folder, not a Python file: give the file itself (e.g. {path}/solution.py)."
    if path.exists():
        return f"{path} is not a regular file (a device or a pipe): give a Python file."
    return f"There is no file at {path}."


class GradingProgress:
    """The live line while a kata is graded: tests done out of total, and the tests running now.

    Updated from the supervisor's threads as events arrive; rich redraws it ten times a second. Shown only
    on an interactive terminal, never with --json or when the output is piped.
    """

    def __init__(self, kata: Kata, planned: list) -> None:
        self.kata = kata
        self.total = len(planned)
        self.done = 0
        self.running: dict[str, None] = {}

    def on_event(self, event) -> None:
        from grader.protocol import TestDied, TestFinished, TestStarted

        if isinstance(event, TestStarted):
            self.running[event.test] = None
        elif isinstance(event, (TestFinished, TestDied)):
            self.running.pop(event.test, None)
            self.done += 1

    def __rich__(self) -> Text:
        now = ", ".join(name.removeprefix("test_").replace("_", " ") for name in list(self.running)[:2])
        return Text.assemble(("grading ", "dim"), (self.kata.name, "bold cyan"),
                             f"  {self.done}/{self.total} tests", ("  " + now if now else "", "dim"),
                             no_wrap=True, overflow="ellipsis")

    @contextmanager
    def shown(self, console: Console, enabled: bool) -> Iterator[None]:
        if not enabled or not console.is_terminal:
            yield
            return
        from rich.live import Live

        with Live(self, console=console, refresh_per_second=10, transient=True):
            yield


def kata_table(katas: list[Kata], width: int) -> Table:
    # The names of the levels only where they fit on one line each: folded, they made a screen per kata.
    chains = [" → ".join(kata.levels) for kata in katas]
    fixed = max(len(kata.name) for kata in katas) + max(len(kata.title) for kata in katas) + 34  # + the rest
    named = width >= fixed + max(map(len, chains), default=0)
    table = Table(title="Katas", title_justify="left", show_edge=False, header_style="bold")
    table.add_column("kata", style="bold cyan", no_wrap=True)
    table.add_column("title")
    table.add_column("difficulty")
    table.add_column("minutes", justify="right")
    table.add_column("levels", justify="left" if named else "right")
    for kata, chain in zip(katas, chains):
        table.add_row(kata.name, kata.title, kata.difficulty, str(kata.minutes), chain if named else str(len(kata.levels)))
    return table


def welcome(console: Console, katas: list[Kata], first: str) -> None:
    console.print(kata_table(katas, console.width))
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
        _next_level(console, kata, result)
    if verbose and result.output:
        console.print(Panel(Text(result.output), title="what your code printed", title_align="left"))
    elif result.output_chars:
        console.print(Text(messages.prints_captured(result.output_chars, kata.name), style="dim"))
    if verbose and result.stderr.strip():
        console.print(Panel(Text(result.stderr), title="what reached stderr outside print (C code, fatal errors)",
                            title_align="left"))
    console.print(Text(f"{result.duration_s:.2f} s · seed {result.seed}", style="dim"))


def _next_level(console: Console, kata: Kata, result: Report) -> None:
    """In a progressive kata, passing a level reveals the next one's statement, as in a real round."""
    from grader.practice.loop import unlocked_level

    unlocked = unlocked_level(result)
    if not kata.gated or unlocked == 1 or kata.level_statement(unlocked) is None:
        return
    level_unlocked(console, kata, unlocked)
    console.print(Text(f"(kept in {_display_path(str(kata.level_statement(unlocked)))})", style="dim"))


def _tests(console: Console, result: Report, verbose: bool) -> None:
    # A locked level of a progressive kata stays a surprise, as in a real round: its tests are not listed.
    locked = {level.level for level in result.levels if level.locked}
    shown = [t for t in result.tests if t.level not in locked]
    failures = [t for t in shown if t.status is not TestStatus.PASSED]
    for test in shown:
        mark, colour = _TEST_MARK[test.status]
        console.print(Text.assemble(f"  {mark} ", (test.title, colour), (f"  level {test.level}, {test.points} pts", "dim")))
    if result.status is Status.NOT_STARTED:
        return
    for test in failures[:MAX_FAILURES_SHOWN]:
        mark, colour = _TEST_MARK[test.status]
        body: list = [Text(test.message)]
        # Code that does not fit inside the panel goes below it, whole: a panel would cut or fold its lines,
        # and a pasted line that was cut is not the code that failed.
        fits = all(len(line) <= console.width - 4 for line in test.counterexample.splitlines())
        if test.counterexample:
            body.append(Text("\nFailing case (paste it to replay)" + (":" if fits else ", below the box:"),
                             style="bold"))
            if fits:
                body.append(Syntax(test.counterexample, "python", theme="ansi_dark", background_color="default"))
        if verbose and test.user_traceback:
            body.append(Text("\nWhere it happened in your code:", style="bold"))
            body.append(Text(test.user_traceback))
        console.print(Panel(Group(*body), title=f"{mark} {test.title}", title_align="left", border_style=colour))
        if test.counterexample and not fits:
            console.print(Text(test.counterexample), soft_wrap=True)
    hidden = len(failures) - MAX_FAILURES_SHOWN
    if hidden > 0:
        console.print(Text(f"  ... and {hidden} more failing tests (--json lists them all)", style="dim"))


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def history(console: Console, katas: list[Kata], attempts: list, progress: dict) -> None:
    if not attempts:
        console.print("No attempts yet. Grade a kata with [bold cyan]grade KATA[/] and it shows up here.")
        return
    # Nothing is ever cut (a date read "2026-11-…" at 80 columns): levels and hints only where they fit.
    wide = console.width >= 100
    table = Table(title="Attempts", title_justify="left", show_edge=False, header_style="bold")
    for column in ("when", "kata", "score", "status", *(["levels", "hints"] if wide else []), "mode", "session"):
        table.add_column(column, no_wrap=True)
    for attempt in attempts[-25:]:
        extra = [" ".join(f"{lv['points']}/{lv['max_points']}" for lv in attempt.levels),
                 str(attempt.hints_used)] if wide else []
        table.add_row(attempt.when.astimezone().strftime("%Y-%m-%d %H:%M"), attempt.kata, str(attempt.score),
                      attempt.status.replace("_", " "), *extra, attempt.mode, _duration(attempt.elapsed_s))
    console.print(table)
    if len(attempts) > 25:
        console.print(Text(f"(the last 25 of {len(attempts)} attempts)", style="dim"))
    best = Table(title="\nBest per kata", title_justify="left", show_edge=False, header_style="bold")
    for column in ("kata", "attempts", "best score", "best time", "score over time"):
        best.add_column(column)
    from grader.practice.progress import sparkline

    for kata in katas:
        p = progress[kata.name]
        if not p.attempts:
            continue
        scores = [a.score for a in attempts if a.kata == kata.name]
        best.add_row(kata.name, str(p.attempts), f"{p.best_score}/100", _duration(p.best_time_s), sparkline(scores))
    console.print(best)


def stats(console: Console, summary) -> None:
    table = Table(show_header=False, show_edge=False, box=None, padding=(0, 2))
    table.add_row("solved", str(len(summary.solved)), ", ".join(summary.solved))
    table.add_row("started", str(len(summary.started)), ", ".join(summary.started))
    table.add_row("untouched", str(len(summary.untouched)), ", ".join(summary.untouched))
    table.add_row("practice time", _duration(summary.practice_s), "timed sessions plus grading time")
    table.add_row("streak", f"{summary.streak_days} day{'s' if summary.streak_days != 1 else ''}", "")
    console.print(table)


def suggestions(console: Console, ordered: list) -> None:
    if not ordered:
        console.print("No katas found.")
        return
    first, why = ordered[0]
    console.print(Text.assemble("Next: ", (first.name, "bold cyan"), f" · {first.title} · {why}"))
    console.print(f"  grade practice {first.name}   (a {first.minutes}-minute timed session)")
    for kata, why in ordered[1:5]:
        console.print(Text.assemble("  then ", (kata.name, "cyan"), f" · {why}"))


def hints(console: Console, kata: Kata, revealed: int) -> None:
    for number, hint in enumerate(kata.hints[:revealed], start=1):
        style = "bold" if number == revealed else "dim"
        console.print(Panel(Text(hint), title=f"hint {number} of {len(kata.hints)}", title_align="left",
                            border_style="cyan" if number == revealed else "dim", style=style))
    if revealed == len(kata.hints):
        console.print(Text("That was the last hint.", style="dim"))


MAX_MESSAGE_CHARS = 240
"""A failure message in the live panel is cut here, so a long exception never pushes the panel off the screen."""


def _cut(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LiveSession:
    """The live panel of a practice session: re-rendered twice a second, so the clock reads the time itself."""

    def __init__(self, state, clock) -> None:
        self.state = state
        self.clock = clock

    def __rich__(self) -> Panel:
        state, run = self.state, self.state.run
        kata = run.kata
        left = state.time_left(self.clock())
        clock_text = "no timer" if left is None else f"{int(left) // 60:02d}:{int(left) % 60:02d} left"
        lines: list = [Text.assemble(
            (kata.name, "bold cyan"), f" · level {run.level}/{len(kata.levels)} ",
            (kata.level_name(run.level), "bold"), "  ", (clock_text, "bold yellow" if left is not None and left < 300
                                                         else "bold"), no_wrap=True, overflow="ellipsis")]
        if len(state.runs) > 1:
            lines.append(Text(f"kata {state.current + 1} of {len(state.runs)} in this round", style="dim"))
        report = run.report
        if report is None:
            lines.append(Text("grading…", style="bold"))
        else:
            score = Text.assemble("score ", (f"{report.score}/100", "dim" if run.grading else
                                             _STATUS_STYLE[report.status]), f"   best {run.best_score}   "
                                  f"regrades {run.regrades}")
            if run.grading:
                score.append("   grading your save…", style="bold")
            lines.append(score)
            failure = run.first_failure
            if report.problem:
                lines.append(Text(_cut(report.problem), style="red"))
            elif failure is not None:
                lines.append(Text.assemble(("first failing: ", "bold"), failure.title, no_wrap=True,
                                           overflow="ellipsis"))
                lines.append(Text(_cut(failure.message)))
        lines.append(Text(f"save {_display_path(str(kata.work_file))} to regrade · Ctrl-C to stop", style="dim",
                          no_wrap=True, overflow="ellipsis"))
        mode = f"{state.kind}{' · interview mode' if state.interview else ''}"
        return Panel(Group(*lines), title=mode, title_align="left", border_style="cyan")


def session_line(state, now: float) -> Text:
    """One line per regrade, for a session whose output is not a terminal (a pipe, a log file)."""
    run = state.run
    minutes, seconds = divmod(int(now - state.started), 60)
    line = Text.assemble(f"{minutes:02d}:{seconds:02d} ", (run.kata.name, "bold cyan"))
    if run.report is None or run.grading:
        line.append(" grading…")
        return line
    line.append(f" score {run.report.score}/100 {run.report.status.value}")
    failure = run.first_failure
    if run.report.problem:
        line.append(f" · {_cut(run.report.problem, 120)}")
    elif failure is not None:
        line.append(f" · first failing: {failure.title}")
    return line


def level_unlocked(console: Console, kata: Kata, level: int) -> None:
    """A progressive kata's next statement, as `grade KATA` shows it once the level before it passes."""
    statement = kata.level_statement(level)
    if statement is None:
        return
    from rich.markdown import Markdown  # 40 ms of imports that only this panel needs

    console.print(Panel(Markdown(statement.read_text(encoding="utf-8")), border_style="cyan",
                        title=f"Level {level} unlocked: {kata.level_name(level)}", title_align="left"))


def already_solved(console: Console, kata: Kata) -> None:
    console.print(f"{_display_path(str(kata.work_file))} already scores 100, so there is nothing to time. "
                  f"Start from the stub with [bold cyan]grade reset {kata.name}[/] (your file is backed up first), "
                  f"or keep improving it with [bold cyan]grade watch {kata.name}[/].")


def session_summary(console: Console, state, now: float) -> None:
    table = Table(title=f"{state.kind} session: {(state.outcome or 'ended').replace('_', ' ')}",
                  title_justify="left", show_edge=False, header_style="bold")
    for column in ("kata", "best score", "regrades"):
        table.add_column(column)
    for run in state.runs:
        table.add_row(run.kata.name, f"{run.best_score}/100" if run.regrades else "not reached", str(run.regrades))
    console.print()
    console.print(table)
    for note in state.notes:
        console.print(Text(note, style="dim"))
    minutes, seconds = divmod(int(now - state.started), 60)
    console.print(Text(f"time used {minutes}m{seconds:02d}s · see it all with grade history", style="dim"))


def comparison(console: Console, kata: Kata, facts) -> None:
    """The user's file and the reference side by side, then the speed table."""
    from rich.columns import Columns

    panels = [
        Panel(Syntax(path.read_text(encoding="utf-8"), "python", theme="ansi_dark", background_color="default",
                     line_numbers=False, word_wrap=True), title=title, title_align="left")
        for title, path in (("yours", kata.work_file), ("reference", kata.reference))
    ]
    console.print(Columns(panels, equal=True, expand=True) if console.width >= 160 else Group(*panels))
    if facts.problem:
        headline, _ = messages.problem(facts.problem)
        console.print(Text(f"No speed comparison: {headline}", style="yellow"))
        return
    if not facts.benchmarks:
        console.print(Text("This kata has no benchmark workloads.", style="dim"))
        return
    table = Table(title="Speed, measured in one run (best of 3, alternating)", title_justify="left",
                  show_edge=False, header_style="bold")
    for column in ("workload", "yours", "reference", "ratio"):
        table.add_column(column, justify="left" if column == "workload" else "right")
    for row in facts.benchmarks:
        if row.error_type:
            table.add_row(row.workload, Text(messages.raised("your code", row.error_type, row.error), style="red"), "", "")
            continue
        ratio = row.user_s / max(row.reference_s, 1e-9)
        style = "green" if ratio <= 1.5 else ("yellow" if ratio <= 4 else "red")
        table.add_row(row.workload, f"{row.user_s * 1000:.1f} ms", f"{row.reference_s * 1000:.1f} ms",
                      Text(f"{ratio:.2f}x", style=style))
    console.print(table)


# -- kata authors ---------------------------------------------------------------------------------

def scaffolded(console: Console, name: str, written: list[Path]) -> None:
    console.print(Text.assemble("Created the kata ", (name, "bold cyan"), ", a small working example to replace:"))
    for path in written:
        console.print(f"  {_display_path(str(path))}")
    console.print(f"Next: grade dev check {name} lists what you must still write. docs/authoring.md has the "
                  "whole contract; commit the stub before you share the kata (grade reset restores it from git).")


def contract_header(console: Console, kata: Kata) -> None:
    console.print(Text.assemble(("grade dev check ", "dim"), (kata.name, "bold cyan"), f" · {kata.title}"))


def verdict(console: Console, verdict) -> None:
    mark, style = ("!", "yellow") if verdict.warning else (("✓", "green") if verdict.passed else ("✗", "red"))
    console.print(Text.assemble(f"  {mark} ", (verdict.check, style if not verdict.passed or verdict.warning else "")))
    if verdict.detail:
        console.print(Padding(Text(verdict.detail, style="dim" if verdict.passed else ""), (0, 0, 0, 6)))


def contract_summary(console: Console, kata: Kata, verdicts: list) -> int:
    failed = [v for v in verdicts if not v.passed]
    if failed:
        console.print(Text(f"{len(failed)} of {len(verdicts)} checks fail for {kata.name}.", style="bold red"))
    else:
        console.print(Text(f"{kata.name} meets the kata contract ({len(verdicts)} checks).", style="bold green"))
    return len(failed)
