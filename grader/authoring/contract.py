"""The kata contract: what every kata must satisfy, defined once.

`grade dev check` runs it and prints a checklist; the project's own tests (tests/test_katas.py) call the
same functions for every kata they discover. Each check returns a Verdict: passed or not, and one
sentence saying what is wrong and what to do about it.
"""

from __future__ import annotations

import inspect
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Protocol

from grader import catalog
from grader.authoring.specimens import Alternative, Mutant, SpecimenError, alternatives, mutants
from grader.catalog import Kata
from grader.child.preflight import public_api
from grader.grading import manifest
from grader.practice import stubs
from grader.report import Report, Status, TestStatus

MIN_MUTANTS = 6
MIN_ALTERNATIVES = 2
MIN_HINTS = 2
SEEDS = (0, 1, 2, 3)
"""A mutant must be caught at each of these seeds: a rule that holds at one seed must hold at every seed."""
TOTAL_POINTS = 100
"""A suite's points add up to 100, so the points a learner adds up in their head are the score."""
PLACEHOLDER = "TODO"


class Grader(Protocol):
    def grade(self, kata: Kata, target: Path, seed: int = 0, *, only: set[str] | None = None) -> Report: ...


@dataclass(frozen=True)
class Verdict:
    check: str
    passed: bool
    detail: str = ""
    warning: bool = False
    """Not a failure, but something to do before the kata is finished."""


def _verdict(check: str, problems: list[str], warning: bool = False) -> Verdict:
    return Verdict(check, not problems or warning, " ".join(problems), warning=bool(problems) and warning)


# -- the kata's files -----------------------------------------------------------------------------

def check_files(kata: Kata) -> Verdict:
    problems = []
    readme = kata.folder / "README.md"
    if not readme.is_file() or not readme.read_text(encoding="utf-8").strip():
        problems.append(f"write the statement in {_shown(readme)}.")
    elif PLACEHOLDER in readme.read_text(encoding="utf-8"):
        problems.append(f"{_shown(readme)} still has {PLACEHOLDER} placeholders.")
    for path, what in ((kata.work_file, "the stub"), (kata.reference, "the reference solution"),
                       (kata.suite, "the hidden suite"), (kata.folder / "test_examples.py", "the visible examples")):
        if not path.is_file():
            problems.append(f"{what} is missing: {_shown(path)}.")
    if kata.difficulty not in catalog.DIFFICULTIES:
        problems.append(f"difficulty is {kata.difficulty!r}; use one of {', '.join(catalog.DIFFICULTIES)}.")
    if kata.minutes <= 0 or not kata.title or not kata.levels:
        problems.append("kata.toml needs a title, minutes > 0 and at least one level.")
    if PLACEHOLDER in kata.title or any(PLACEHOLDER in level for level in kata.levels):
        problems.append(f"kata.toml still has {PLACEHOLDER} placeholders in its title or level names.")
    if kata.gated:
        for level in range(2, len(kata.levels) + 1):
            if kata.level_statement(level) is None:
                problems.append(f"a gated kata keeps level {level}'s statement in "
                                f"{_shown(kata.folder / 'levels' / f'{level}.md')}, which is missing.")
    return _verdict("statement, stub, reference, suite, examples and metadata are in place", problems)


def check_levels(kata: Kata) -> Verdict:
    try:
        planned = manifest.read(kata.suite)
    except (manifest.SuiteError, OSError, SyntaxError) as exc:
        return _verdict("levels agree with the suite, and its points add up to 100", [f"the suite cannot be read: {exc}"])
    in_suite = {test.level for test in planned}
    named = set(range(1, len(kata.levels) + 1))
    problems = []
    total = sum(test.points for test in planned)
    if total != TOTAL_POINTS:
        problems.append(f"the suite's points add up to {total}; make them add up to {TOTAL_POINTS}, so that the "
                        "points shown per level add up to the score.")
    if in_suite - named:
        problems.append(f"the suite has tests for levels {sorted(in_suite - named)}, which kata.toml does not name.")
    if named - in_suite:
        problems.append(f"kata.toml names levels {sorted(named - in_suite)}, which have no test in the suite.")
    return _verdict("levels agree with the suite, and its points add up to 100", problems)


def check_hints(kata: Kata) -> Verdict:
    problems = []
    if len(kata.hints) < MIN_HINTS or not all(hint.strip() for hint in kata.hints):
        problems.append(f"kata.toml needs at least {MIN_HINTS} non-empty hints (grade hint reveals them one at a time).")
    elif any(PLACEHOLDER in hint for hint in kata.hints):
        problems.append(f"the hints in kata.toml are still {PLACEHOLDER} placeholders.")
    return _verdict("hints are present", problems)


def api_shape(path: Path, name: str) -> dict[str, object]:
    """Public classes and functions of a file, with their members' signatures (annotations included)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    shape: dict[str, object] = {}
    for attr, obj in public_api(module).items():
        if inspect.isclass(obj):
            shape[attr] = {member: _signature(value) for member, value in vars(obj).items()
                           if not member.startswith("_") or member in ("__init__", "__len__", "__contains__",
                                                                       "__iter__", "__getitem__")}
        else:
            shape[attr] = _signature(obj)
    return shape


def _signature(value: object) -> str:
    func = getattr(value, "__func__", value)
    if isinstance(value, property):
        return "property"
    if inspect.isfunction(func):
        kind = type(value).__name__ if isinstance(value, (staticmethod, classmethod)) else "def"
        return f"{kind} {inspect.signature(func)}"
    return type(value).__name__


def check_stub_api(kata: Kata) -> Verdict:
    try:
        stub = api_shape(kata.work_file, f"_stub_{kata.name}")
        reference = api_shape(kata.reference, f"_reference_{kata.name}")
    except Exception as exc:  # a broken file is the finding
        return _verdict("the stub's API equals the reference's", [f"a file cannot be imported: {exc!r}."])
    problems = []
    for name in sorted(set(stub) | set(reference)):
        if stub.get(name) != reference.get(name):
            problems.append(f"{name}: the stub has {stub.get(name)!r}, the reference {reference.get(name)!r}.")
    return _verdict("the stub's API equals the reference's (signatures and annotations)", problems)


# -- grading --------------------------------------------------------------------------------------

def check_stub(kata: Kata, grader: Grader) -> Verdict:
    source = kata.work_file.read_text(encoding="utf-8") if kata.work_file.is_file() else ""
    if not stubs.is_stub(source):
        return _verdict("the stub grades as not started", [
            "every function body of the stub must be only a docstring and `raise NotImplementedError`."])
    report = grader.grade(kata, kata.work_file)
    if (report.score, report.status) != (0, Status.NOT_STARTED):
        reached = [t.id for t in report.tests if not t.not_implemented]
        return _verdict("the stub grades as not started", [
            f"it scored {report.score} ({report.status.value}); every hidden test must reach a stub body, "
            f"and these do not: {', '.join(reached) or _problem(report)}."])
    return _verdict("the stub grades as not started", [])


def check_stub_committed(kata: Kata) -> Verdict:
    try:
        stubs.original_stub(kata)
    except stubs.StubUnavailable as exc:
        return _verdict("the stub is committed, so grade reset can recover it", [str(exc)], warning=True)
    return _verdict("the stub is committed, so grade reset can recover it", [])


def check_reference(kata: Kata, grader: Grader) -> Verdict:
    report = grader.grade(kata, kata.reference)
    problems = [f"{t.id}: {t.status.value}: {t.message}" for t in report.tests if t.status is not TestStatus.PASSED]
    if report.problem:
        problems.insert(0, _problem(report))
    return _verdict("the reference scores 100", problems)


def check_examples(kata: Kata) -> Verdict:
    examples = kata.folder / "test_examples.py"
    if not examples.is_file():
        return _verdict("the visible examples pass on the reference and fail on the stub", [f"{_shown(examples)} is missing."])
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "test_examples.py").write_text(examples.read_text(encoding="utf-8"), encoding="utf-8")
        module = folder / f"{kata.name}.py"

        def run(source: Path) -> subprocess.CompletedProcess:
            module.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
            return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(folder)],
                                  cwd=folder, capture_output=True, text=True, timeout=120)

        on_reference, on_stub = run(kata.reference), run(kata.work_file)
    problems = []
    if on_reference.returncode != 0:
        problems.append(f"they fail on the reference: {on_reference.stdout.strip().splitlines()[-1:]}")
    if on_stub.returncode != 1:
        problems.append("they do not fail on the stub (pytest exit code "
                        f"{on_stub.returncode}); each example should call the stub.")
    return _verdict("the visible examples pass on the reference and fail on the stub", problems)


def check_mutant_count(kata: Kata) -> Verdict:
    found = len(mutants(kata))
    problems = [] if found >= MIN_MUTANTS else [
        f"{found} mutant(s) in {_shown(kata_mutants_dir(kata))}; write at least {MIN_MUTANTS}: realistic bugs, "
        "each naming the hidden test that catches it."]
    return _verdict(f"at least {MIN_MUTANTS} mutants", problems)


def check_alternative_count(kata: Kata) -> Verdict:
    found = len(alternatives(kata))
    problems = [] if found >= MIN_ALTERNATIVES else [
        f"{found} correct alternative(s) in {_shown(kata_alternatives_dir(kata))}; write at least "
        f"{MIN_ALTERNATIVES}, in styles unlike the reference's."]
    return _verdict(f"at least {MIN_ALTERNATIVES} correct alternatives", problems)


def check_mutant(mutant: Mutant, grader: Grader, scratch: Path, seeds: tuple[int, ...] = SEEDS) -> Verdict:
    """Caught by the test it names, with a message, at every seed; and by the model test(s), unless it says why not."""
    check = f"mutant {mutant.id} is caught"
    kata = catalog.find(mutant.kata)
    try:
        planned = manifest.read(kata.suite)
    except manifest.SuiteError as exc:
        return _verdict(check, [str(exc)])
    ids = {t.id for t in planned}
    if not mutant.expect or mutant.expect not in ids:
        return _verdict(check, [f"EXPECT must name a test of the suite; it is {mutant.expect!r}."])
    # A model drives the operations of its level and those below: a bug in a later level's operation is
    # for the models at that level or above (or for every model, if none is that high).
    level = next(t.level for t in planned if t.id == mutant.expect)
    models = {t.id for t in planned if t.model and t.level >= level} or {t.id for t in planned if t.model}
    watched = {mutant.expect} | (models if mutant.beyond_the_model is None else set())
    try:
        source = mutant.source(kata.reference)
    except SpecimenError as exc:
        return _verdict(check, [str(exc)])
    target = scratch / f"{kata.name}.py"
    target.write_text(source, encoding="utf-8")
    found: dict[str, list[int]] = {}  # each problem, with the seeds it was seen at
    # Tests of fixed cases give the same verdict at every seed: one grading tells.
    if not any(t.seeded for t in planned if t.id in watched):
        seeds = seeds[:1]
    for seed in seeds:
        report = grader.grade(kata, target, seed, only=watched)
        if report.problem:
            return _verdict(check, [f"seed {seed}: the file could not be graded: {_problem(report)}"])
        results = {t.id: t for t in report.tests}
        caught = results[mutant.expect]
        if caught.status is TestStatus.PASSED:
            found.setdefault(f"{mutant.expect} passes.", []).append(seed)
        elif not caught.message:
            found.setdefault(f"{mutant.expect} fails without a message.", []).append(seed)
        else:
            for text in mutant.says:
                if text.casefold() not in caught.message.casefold():
                    found.setdefault(f"the message of {mutant.expect} does not say {text!r}: "
                                     f"{caught.message!r}", []).append(seed)
            for text in mutant.not_says:
                if text.casefold() in caught.message.casefold():
                    found.setdefault(f"the message of {mutant.expect} says {text!r}, which is not this bug: "
                                     f"{caught.message!r}", []).append(seed)
        for model in sorted(models & watched):
            if results[model].status is TestStatus.PASSED:
                found.setdefault(f"the model test {model} passes (catch it there, or declare BEYOND_THE_MODEL "
                                 "with the reason).", []).append(seed)
    problems = [f"seed{'s' if len(at) > 1 else ''} {', '.join(map(str, at))}: {problem}"
                for problem, at in found.items()]
    return _verdict(check, problems)


def check_alternative(alternative: Alternative, grader: Grader, scratch: Path) -> Verdict:
    check = f"alternative {alternative.id} scores 100"
    if alternative.missing:
        return Verdict(check, True, f"skipped: it {alternative.missing}", warning=True)
    kata = catalog.find(alternative.kata)
    target = scratch / f"{kata.name}.py"
    target.write_text(alternative.path.read_text(encoding="utf-8"), encoding="utf-8")
    report = grader.grade(kata, target)
    problems = [f"{t.id}: {t.message}" for t in report.tests if t.status is not TestStatus.PASSED]
    if report.problem:
        problems.insert(0, _problem(report))
    return _verdict(check, problems)


# -- everything, for `grade dev check` --------------------------------------------------------------

def kata_mutants_dir(kata: Kata) -> Path:
    from grader.authoring.specimens import MUTANTS_DIR

    return MUTANTS_DIR / kata.name


def kata_alternatives_dir(kata: Kata) -> Path:
    from grader.authoring.specimens import ALTERNATIVES_DIR

    return ALTERNATIVES_DIR / kata.name


def run_all(kata: Kata, grader: Grader, report: Callable[[Verdict], None]) -> list[Verdict]:
    """Every check of the contract on one kata, in the order an author fixes them; `report` sees each verdict."""
    verdicts: list[Verdict] = []

    def record(verdict: Verdict) -> None:
        verdicts.append(verdict)
        report(verdict)

    for check in (check_files, check_levels, check_hints, check_stub_api):
        record(check(kata))
    if not kata.suite.is_file() or not kata.reference.is_file() or not kata.work_file.is_file():
        return verdicts
    record(check_reference(kata, grader))
    record(check_stub(kata, grader))
    record(check_stub_committed(kata))
    record(check_examples(kata))
    record(check_mutant_count(kata))
    record(check_alternative_count(kata))
    with tempfile.TemporaryDirectory() as scratch:
        for mutant in mutants(kata):
            record(check_mutant(mutant, grader, Path(scratch)))
        for alternative in alternatives(kata):
            record(check_alternative(alternative, grader, Path(scratch)))
    return verdicts


def _problem(report: Report) -> str:
    return report.problem + (f" ({report.problem_detail})" if report.problem_detail else "")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(catalog.ROOT))
    except ValueError:
        return str(path)
