"""grade pin KATA: turn the first failing hidden case into a visible test in the kata folder."""

from __future__ import annotations

import textwrap


from grader.cli.commands.common import KATA, console, failure, kata_or_exit
from grader.grading import grade
from grader.report import Status, TestStatus

PINNED_FILE = "test_pinned.py"
HEADER = '''"""Failing cases pinned from the hidden tests by `grade pin`. Run them with plain pytest and your
debugger; each passes once the bug it shows is fixed. Delete any you no longer need."""
'''


def pin(name: str = KATA) -> None:
    """Save the first failing hidden case of KATA as a visible test you can debug with pytest."""
    kata = kata_or_exit(name)
    report = grade(kata, kata.work_file)
    if report.status is Status.ERROR:
        raise failure(f"nothing to pin: {report.problem}")
    if report.status is Status.NOT_STARTED:
        console.print(f"Nothing to pin yet: {kata.work_file} is still the untouched stub.")
        return
    failing = [t for t in report.tests if t.status is not TestStatus.PASSED]
    if not failing:
        console.print(f"Nothing to pin: every hidden test of {kata.name} passes.")
        return
    test = next((t for t in failing if t.replay), None)
    if test is None:
        raise failure(f"the failing tests of {kata.name} have no case that can be replayed as a plain test "
                      f"(the first is '{failing[0].title}'); `grade {kata.name}` shows them.")
    path = kata.folder / PINNED_FILE
    existing = path.read_text(encoding="utf-8") if path.exists() else HEADER
    body = textwrap.indent(test.replay, "    ")
    if body in existing:
        console.print(f"'{test.title}' is already pinned in {path}.")
        return
    function = f"test_pinned_{test.id.removeprefix('test_')}"
    number = 1
    while f"def {function}{'_' + str(number) if number > 1 else ''}(" in existing:
        number += 1
    if number > 1:
        function += f"_{number}"
    docstring = test.message.replace('"""', "'''").replace("\\", "\\\\")
    addition = f'\n\ndef {function}():\n    """{textwrap.fill(docstring, 96, subsequent_indent="    ")}"""\n{body}\n'
    new_file = not path.exists()
    # Append only: a file the user may have edited is never rewritten.
    with path.open("a", encoding="utf-8") as handle:
        handle.write((HEADER if new_file else "") + addition)
    console.print(f"Pinned '{test.title}' as {function} in {path}\nRun it with: pytest {path}")
