"""Mutation score of each hidden suite: how many small AST mutants of the reference it catches.

    python benchmarks/mutation_score.py [KATA ...] [--sample 60] [--json out.json]

Each mutant changes one thing in the reference: a comparison or arithmetic operator swapped, a constant
shifted, a statement dropped, a condition negated, a return value replaced by None, min/max or and/or
swapped. A sample of them (the same sample every time: seeded by the kata's name) is graded with the
full hidden suite at seed 0; a mutant is killed when it scores below 100. Survivors are listed, unless
benchmarks/equivalent_mutants/KATA.toml explains why they cannot be caught (the mutant behaves exactly
like the reference, as far as the statement can tell): `"line 12: Lt -> LtE" = "why"`, one per line. Not a test: it takes minutes, and its report goes in
the closing notes.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import catalog  # noqa: E402
from grader.grading import WarmGrader  # noqa: E402
from grader.report import Status  # noqa: E402

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

EQUIVALENT = Path(__file__).resolve().parent / "equivalent_mutants"

_COMPARISONS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
                ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is}
_ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult, ast.Div: ast.Mult,
               ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult, ast.LShift: ast.RShift, ast.RShift: ast.LShift}
_SWAPPED_CALLS = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutation:
    line: int
    kind: str
    description: str


def _body_is_docstring_or_signature(node: ast.stmt) -> bool:
    return (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)) or isinstance(
        node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Import, ast.ImportFrom))


def mutation_sites(tree: ast.Module) -> list[tuple[int, str]]:
    """(index in ast.walk order, kind) for every node a mutation can change."""
    sites = []
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, ast.Compare):
            sites.append((index, "comparison"))
        elif isinstance(node, ast.BinOp) and type(node.op) in _ARITHMETIC:
            sites.append((index, "arithmetic"))
        elif isinstance(node, ast.AugAssign) and type(node.op) in _ARITHMETIC:
            sites.append((index, "arithmetic"))
        elif isinstance(node, ast.Constant) and type(node.value) is int:
            sites.append((index, "constant+1"))
            sites.append((index, "constant-1"))
        elif isinstance(node, ast.Constant) and type(node.value) is bool:
            sites.append((index, "boolean"))
        elif isinstance(node, (ast.If, ast.While, ast.IfExp)):
            sites.append((index, "negated condition"))
        elif isinstance(node, ast.Return) and node.value is not None and not (
                isinstance(node.value, ast.Constant) and node.value.value is None):
            sites.append((index, "return None"))
        elif isinstance(node, ast.BoolOp):
            sites.append((index, "and/or"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _SWAPPED_CALLS:
            sites.append((index, "swapped call"))
        elif isinstance(node, (ast.Break, ast.Continue)):
            sites.append((index, "break/continue"))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.If, ast.For, ast.While, ast.With, ast.Try)):
            for position, statement in enumerate(node.body):
                if not _body_is_docstring_or_signature(statement) and len(node.body) > 1:
                    sites.append((index, f"drop statement {position}"))
    return sites


def mutate(tree: ast.Module, index: int, kind: str) -> tuple[ast.Module, Mutation]:
    tree = copy.deepcopy(tree)
    node = list(ast.walk(tree))[index]
    line = getattr(node, "lineno", 0)
    if kind == "comparison":
        before = type(node.ops[0])
        node.ops[0] = _COMPARISONS.get(before, ast.NotEq)()
        text = f"{before.__name__} -> {type(node.ops[0]).__name__}"
    elif kind == "arithmetic":
        before = type(node.op)
        node.op = _ARITHMETIC[before]()
        text = f"{before.__name__} -> {type(node.op).__name__}"
    elif kind.startswith("constant"):
        step = 1 if kind.endswith("+1") else -1
        text = f"{node.value} -> {node.value + step}"
        node.value += step
    elif kind == "boolean":
        text = f"{node.value} -> {not node.value}"
        node.value = not node.value
    elif kind == "negated condition":
        node.test = ast.UnaryOp(op=ast.Not(), operand=node.test)
        text = "condition negated"
    elif kind == "return None":
        node.value = ast.Constant(value=None)
        text = "returns None"
    elif kind == "and/or":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        text = "and <-> or"
    elif kind == "swapped call":
        text = f"{node.func.id} -> {_SWAPPED_CALLS[node.func.id]}"
        node.func.id = _SWAPPED_CALLS[node.func.id]
    elif kind == "break/continue":
        replacement = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
        text = f"{type(node).__name__.lower()} -> {type(replacement).__name__.lower()}"
        _replace(tree, node, replacement)
    else:
        position = int(kind.rsplit(" ", 1)[1])
        dropped = node.body[position]
        line = dropped.lineno
        text = f"dropped: {ast.unparse(dropped).splitlines()[0][:60]}"
        node.body[position] = ast.Pass()
    ast.fix_missing_locations(tree)
    return tree, Mutation(line, kind.split(" ")[0] if kind.startswith("drop") else kind, text)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list) and old in value:
                value[value.index(old)] = ast.copy_location(new, old)


def explained(kata: str) -> dict[str, str]:
    explanations = EQUIVALENT / f"{kata}.toml"
    if not explanations.is_file():
        return {}
    return tomllib.loads(explanations.read_text(encoding="utf-8"))


def score(kata: catalog.Kata, sample: int, grader: WarmGrader, scratch: Path) -> dict:
    source = kata.reference.read_text(encoding="utf-8")
    tree = ast.parse(source)
    sites = mutation_sites(tree)
    random.Random(kata.name).shuffle(sites)
    killed, survivors, seen = 0, [], set()
    for index, kind in sites:
        if len(seen) >= sample:
            break
        mutant_tree, mutation = mutate(tree, index, kind)
        mutant = ast.unparse(mutant_tree)
        if mutant in seen or mutant == ast.unparse(tree):
            continue
        seen.add(mutant)
        target = scratch / f"{kata.name}.py"
        target.write_text(mutant, encoding="utf-8")
        report = grader.grade(kata, target)
        if report.status is Status.PASSED:
            key = f"line {mutation.line}: {mutation.description}"
            survivors.append({"line": mutation.line, "mutation": mutation.description,
                              "equivalent": explained(kata.name).get(key, "")})
        else:
            killed += 1
    unexplained = [s for s in survivors if not s["equivalent"]]
    return {"kata": kata.name, "graded": len(seen), "killed": killed, "survivors": survivors,
            "unexplained": len(unexplained)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("katas", nargs="*")
    parser.add_argument("--sample", type=int, default=60)
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    katas = [catalog.find(name) for name in options.katas] or catalog.all_katas()
    results = []
    with WarmGrader() as grader, tempfile.TemporaryDirectory() as scratch:
        for kata in katas:
            result = score(kata, options.sample, grader, Path(scratch))
            results.append(result)
            print(f"{kata.name:<16} killed {result['killed']}/{result['graded']}, "
                  f"{len(result['survivors'])} survived ({result['unexplained']} unexplained)", flush=True)
            for survivor in result["survivors"]:
                why = f"   equivalent: {survivor['equivalent']}" if survivor["equivalent"] else ""
                print(f"    line {survivor['line']}: {survivor['mutation']}{why}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
