"""grade reset KATA: back to the original stub, after saving the current file as a backup."""

from __future__ import annotations

import sys
from datetime import datetime

import typer

from grader.practice import stubs
from grader.cli.commands.common import EXIT_FAILED, KATA, console, failure, kata_or_exit, usage_error


def reset(
    name: str = KATA,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Restore KATA's stub; your current file is saved as a timestamped backup first."""
    kata = kata_or_exit(name)
    try:
        original = stubs.original_stub(kata)
    except stubs.StubUnavailable as exc:
        raise failure(str(exc)) from None
    current = kata.work_file.read_text(encoding="utf-8") if kata.work_file.exists() else None
    if current == original:
        console.print(f"{kata.work_file} is already the untouched stub: nothing to do.")
        return
    if not yes and not sys.stdin.isatty():
        raise usage_error("grade reset asks before it replaces your file, and there is no terminal to ask in: "
                          f"use grade reset {kata.name} --yes.")
    if not yes and not typer.confirm(f"Replace {kata.work_file} with the original stub? Your file is backed up first.",
                                     default=False):
        console.print("Nothing changed.")
        raise typer.Exit(EXIT_FAILED)
    if current is not None:
        backup = stubs.backup_path(kata, datetime.now().strftime("%Y-%m-%dT%H-%M-%S"))
        backup.parent.mkdir(exist_ok=True)
        # Never overwrite an earlier backup, even two resets within one second.
        while backup.exists():
            backup = backup.with_name(backup.stem + "-again.py")
        backup.write_text(current, encoding="utf-8")
        console.print(f"Your file was saved to {backup}")
    kata.work_file.write_text(original, encoding="utf-8")
    console.print(f"{kata.work_file} is the original stub again.")
