"""The `grade` command: presentation only. app.py is the typer app, commands/ one module per command,
render.py every rich rendering.

`main` starts the children of a grading run before it imports typer and rich: they import pytest and
hypothesis while the command line is parsed, which is most of a cold run's start-up.
"""

from __future__ import annotations

import signal
import sys


def _grades_a_kata(argv: list[str]) -> bool:
    """`grade KATA ...` for a kata that exists, and not a request for help."""
    if len(argv) < 2 or argv[1].startswith("-") or "--help" in argv:
        return False
    from grader.catalog import KATAS_DIR

    return (KATAS_DIR / argv[1] / "kata.toml").is_file()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main() -> None:
    # A closed terminal or a `kill` ends grading like Ctrl-C does: children killed, folders removed.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGHUP, _interrupt)
    try:
        if _grades_a_kata(sys.argv):
            from grader.grading import supervisor

            supervisor.start_spares()
            supervisor.sweep_stale_workdirs()
        from grader.cli.app import run

        run()
    except KeyboardInterrupt:  # before the command could take it in hand: the CLI was still starting
        from grader import messages

        sys.stderr.write(f"interrupted: {messages.INTERRUPTED}\n")
        sys.exit(130)
