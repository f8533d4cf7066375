"""The original stub of a kata, recovered from git, so `grade reset` never needs a second copy in the repo.

The newest committed version of the kata file that is still a pure stub wins: a user who committed
their own work gets the stub as it was before, not their last commit.
"""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

from grader.catalog import ROOT, Kata


class StubUnavailable(Exception):
    pass


def is_stub(source: str) -> bool:
    """Every function body is only a docstring and `raise NotImplementedError`, and there is at least one."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False
    functions = [node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return bool(functions) and all(_raises_not_implemented(f.body) for f in functions)


def _raises_not_implemented(body: list[ast.stmt]) -> bool:
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    raised = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(raised, ast.Name) and raised.id == "NotImplementedError"


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StubUnavailable(f"git is not available ({exc}), and grade reset restores the stub from git.") from exc
    if done.returncode != 0:
        raise StubUnavailable("grade reset restores the stub from this repository's git history, which it could "
                              f"not read: {done.stderr.strip() or 'git failed'}.")
    return done.stdout


def original_stub(kata: Kata) -> str:
    relative = kata.work_file.relative_to(ROOT).as_posix()
    for commit in _git("log", "--format=%H", "--", relative).split():
        source = _git("show", f"{commit}:{relative}")
        if is_stub(source):
            return source
    raise StubUnavailable(f"No committed version of {relative} is an untouched stub.")


def backup_path(kata: Kata, stamp: str) -> Path:
    return kata.folder / "backups" / f"{kata.name}.{stamp}.py"
