"""`grade dev new NAME`: every file of a new kata, as a small working example to replace.

The scaffold is a complete toy kata (the sum of a list): its reference scores 100, its stub is not
started, its one mutant is caught. `grade dev check NAME` then lists what the author must still write:
the statement, the hints, more mutants, the alternatives.
"""

from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

from grader import catalog
from grader.authoring.specimens import MUTANTS_DIR
from grader.catalog import Kata

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


class ScaffoldError(Exception):
    """The name cannot be used for a new kata; the message says why in one sentence."""


def check_name(name: str, taken_words: set[str]) -> None:
    if not _NAME.match(name) or keyword.iskeyword(name):
        raise ScaffoldError(f"'{name}' cannot name a kata: use lowercase letters, digits and _, starting with "
                            "a letter (it becomes the module name of the stub, e.g. lru.py).")
    if name in getattr(sys, "stdlib_module_names", ()):
        raise ScaffoldError(f"'{name}' is a module of Python's standard library: the kata's `import {name}` "
                            "would find the wrong one. Pick another name.")
    if name in taken_words:
        raise ScaffoldError(f"'{name}' is a grade command: `grade {name}` could not grade it. Pick another name.")
    if (catalog.KATAS_DIR / name).exists():
        raise ScaffoldError(f"katas/{name} already exists; nothing was written.")


def files(name: str) -> dict[Path, str]:
    """Every file of the new kata, by path, with its contents."""
    root = catalog.ROOT
    title = name.replace("_", " ").capitalize()
    return {
        root / "katas" / name / "kata.toml": _KATA_TOML.replace("{title}", title),
        root / "katas" / name / "README.md": _README.replace("{name}", name).replace("{title}", title),
        root / "katas" / name / f"{name}.py": _STUB.replace("{title}", title),
        root / "katas" / name / "test_examples.py": _EXAMPLES.replace("{name}", name),
        root / "solutions" / f"{name}.py": _REFERENCE.replace("{title}", title),
        root / "grader" / "suites" / f"test_{name}.py": _SUITE.replace("{name}", name),
        MUTANTS_DIR / name / "ignores_the_first_number.py": _MUTANT,
    }


def create(name: str, taken_words: set[str]) -> list[Path]:
    check_name(name, taken_words)
    written = []
    for path, text in files(name).items():
        if path.exists():
            raise ScaffoldError(f"{path} already exists; nothing more was written.")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def kata(name: str) -> Kata:
    return catalog.find(name)


_KATA_TOML = '''title = "{title}"
difficulty = "easy"            # easy | medium | hard
minutes = 20                   # a suggested practice time
topic = "TODO: the technique this kata practises, in one line"
levels = ["The sum"]           # one name per level; each level has tests in the suite (@scored(level=N))
# gated = true                 # progressive: a level counts once every earlier one passes; levels/N.md states level N
# asyncio = true               # the suite needs pytest-asyncio
hints = [
    "TODO: a nudge towards the idea.",
    "TODO: the idea, nearly the answer (never code).",
]
'''

_README = '''# {title}

TODO: the problem, in a paragraph: what interviewers probe with it.

## API

```python
solve(numbers)   # the sum of the numbers; 0 for an empty list
```

## Rules

- TODO: every rule a hidden test checks, so that a correct solution written from this page scores 100.

## Levels

1. **The sum**: TODO: what level 1 asks.

## Run

```bash
pytest katas/{name}   # the visible examples
grade {name}          # the hidden tests, with a score
```
'''

_STUB = '''"""{title}. Read README.md in this folder, then replace each `raise NotImplementedError`."""

from __future__ import annotations


def solve(numbers: list[int]) -> int:
    """The sum of the numbers; 0 for an empty list."""
    raise NotImplementedError
'''

_REFERENCE = '''"""{title}: the reference solution."""

from __future__ import annotations


def solve(numbers: list[int]) -> int:
    """The sum of the numbers; 0 for an empty list."""
    return sum(numbers)
'''

_EXAMPLES = '''"""A few visible examples. Run them with `pytest katas/{name}`; `grade {name}` runs the hidden tests."""

from {name} import solve


def test_the_sum_of_a_few_numbers():
    assert solve([1, 2, 3]) == 6


def test_the_sum_of_nothing_is_zero():
    assert solve([]) == 0
'''

_SUITE = '''"""Hidden tests for the {name} kata. Each test is a property from the statement (README.md), never
from the reference's code; its message says what was called, what came back, and what was expected."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from grader.harness import SETTINGS, Script, scored, solution


@scored(points=100, level=1)  # a suite's points add up to 100
@settings(SETTINGS, max_examples=50)
@given(numbers=st.lists(st.integers(-5, 5), max_size=6))
@example(numbers=[])  # the edge values that decide correctness are forced, never left to chance
def test_solve_returns_the_sum(numbers):
    script = Script()
    got = script.run("solve", solution().solve, numbers)
    script.expect(got, sum(numbers), f"solve({numbers!r}) returned {{got}}; the sum is {{expected}}.")
'''

_MUTANT = '''"""The sum starts at the second number, as an off-by-one loop would."""

EXPECT = "test_solve_returns_the_sum"
PATCH = [("    return sum(numbers)", "    return sum(numbers[1:])")]
'''
