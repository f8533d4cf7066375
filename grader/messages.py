"""Every sentence the grader itself writes about a run, in one place, made from the facts a child reports.

The hidden suites write their own sentences (the property each test checks); this module writes the
rest: why a file could not be graded, how a test died, what a timeout means, what was not run.
Pure functions over facts, so the same fact always gets the same words, and the words are testable.
"""

from __future__ import annotations

from grader import limits
from grader.protocol import (
    ApiMismatch, ApiProblem, ChildCrashed, Failure, ImportFailed, InternalError, Problem, Tampered, TestDied,
)

# -- a test that failed ---------------------------------------------------------------------------

STATE_HINT = (
    "Your code gave different answers when the same calls were replayed on a new object. "
    "Does it keep state outside the instance (a class attribute, a module-level variable, "
    "a mutable default argument) or depend on randomness?"
)


def raised_phrase(error_type: str, error: str) -> str:
    """'raised KeyError: 0'."""
    return f"raised {error_type}" + (f": {error}" if error else "")


def raised(call: str, error_type: str, error: str) -> str:
    """'cache.get(0) raised KeyError: 0': the learner's code raised where the API promises a result."""
    return f"{call} {raised_phrase(error_type, error)}"


def timed_out(timeout_s: float) -> str:
    """The same words whichever guard stopped the test: the CPU-time alarm, or the wall-clock one."""
    return (f"This test did not finish within its limit of {timeout_s:g} s of CPU time "
            f"({limits.wall_clock_limit(timeout_s):g} s of waiting). Look for an infinite loop (perhaps one that "
            "catches every exception), a long sleep, or a step that does far more work than it should.")


def _cause_of(error_type: str) -> str:
    if error_type == "MemoryError":
        return f" (your code ran out of memory: the grader allows {limits.gibibytes(limits.MEMORY_BYTES)})"
    if error_type == "RecursionError":
        return " (recursion too deep: is a base case missing, or does this need a loop instead?)"
    return ""


def failure(failure: Failure, timeout_s: float) -> str:
    """What the learner reads about one failed test."""
    if failure.kind == "property":
        return failure.message
    if failure.kind == "raised":
        return raised(failure.call, failure.error_type, failure.error) + _cause_of(failure.error_type)
    if failure.kind == "timeout":
        return timed_out(timeout_s)
    if failure.kind == "flaky":
        return STATE_HINT
    if failure.kind == "setup":
        return f"The hidden test failed during {failure.when}, before or after it called your code."
    text = f"{failure.error_type}: {failure.error}".strip().rstrip(":")
    return text + _cause_of(failure.error_type)


def died(death: TestDied) -> str:
    """What the learner reads about a test whose process ended while it ran."""
    if death.how == "timeout":
        return timed_out(death.timeout_s)
    if death.how == "signal" and death.returncode is not None and -death.returncode in _CRASH_SIGNALS:
        return "Your code crashed the Python process (a segmentation fault or abort) during this test."
    if death.how == "signal" and death.returncode == -9:
        return ("The process running your code was killed during this test; the usual cause is memory use far "
                f"beyond the {limits.gibibytes(limits.MEMORY_BYTES)} the grader allows.")
    return (f"The process running your code exited (code {death.returncode}) during this test. "
            "Did your code call os._exit() or kill its own process?")


_CRASH_SIGNALS = (11, 6, 7)  # SIGSEGV, SIGABRT, SIGBUS


# -- tests that never ran -------------------------------------------------------------------------

def stopped_after_timeouts(timed_out_count: int) -> str:
    return (f"Not run: grading stopped after {timed_out_count} tests timed out. Fix the hang first.")


INTERRUPTED = "grading stopped; nothing was recorded."
"""Ctrl-C, SIGTERM or SIGHUP during a run: an interrupted run says nothing about the code, so none is recorded."""

NOT_RUN_BUDGET = f"Not run: grading stopped after {limits.RUN_BUDGET_S:g} s, before this test."
NOT_RUN_PROBLEM = "Not run: the file could not be graded."
NOT_RUN_INTERRUPTED = "Not run: grading was interrupted."
NOT_REPORTED = "This test never reported a result, so it counts as failed."


# -- a file that cannot be graded -----------------------------------------------------------------

LEFT_PROCESSES = (
    "Your code started a process that was still running when grading ended, so it was stopped and the "
    "run is not scored. Solutions must not leave processes behind."
)


def left_running(commands: tuple[str, ...]) -> str:
    shown = list(dict.fromkeys(commands))
    return "\n".join(f"Left running: {command}" for command in shown)


def api_problem(problem: ApiProblem) -> str:
    name, member = problem.name, problem.member
    return {
        "missing_class": f"Your file has no class {name}.",
        "missing_function": f"Your file has no function {problem.expected}.",
        "not_a_class": f"{name} should be a class.",
        "not_a_function": f"{name} should be a function {problem.expected}.",
        "missing_property": f"{name} has no property {member}.",
        "not_a_property": f"{name}.{member} should be a property (obj.{member}, not obj.{member}()).",
        "no_constructor": f"{name} should be created as {problem.expected}.",
        "missing_method": f"{name} has no method {problem.expected}.",
        "wrong_signature": (f"{name if member in ('', '__init__') else f'{name}.{member}'} should accept "
                            f"{problem.expected}; yours is {problem.actual}."),
    }.get(problem.kind, f"{name}: {problem.kind}")


def import_failed(failure: ImportFailed) -> str:
    if failure.kind == "syntax":
        where = f"line {failure.line}" + (f": {failure.text}" if failure.text else "")
        return f"Your file has a syntax error at {where} ({failure.error})."
    if failure.kind == "not_source":
        return "Your file is not Python source text: it has bytes that are not UTF-8 text (is it a binary file?)."
    if failure.kind == "timeout":
        return "Importing your file did not finish: does it run a loop, or sleep, at module level?"
    if failure.kind == "exit":
        return "Your file called sys.exit() while it was being imported."
    if failure.kind == "import":
        return f"Your file could not import what it needs: {failure.error}."
    where = f" at line {failure.line}" if failure.line else ""
    return f"Importing your file raised {failure.error_type}{where}: {failure.error}"


def child_crashed(crash: ChildCrashed) -> str:
    if crash.budget_exhausted:
        return f"Grading stopped after {limits.RUN_BUDGET_S:g} s before any test could start."
    if crash.returncode is not None and crash.returncode < 0:
        return f"The process running your code was killed by signal {-crash.returncode} before any test started."
    return f"The process running your code exited (code {crash.returncode}) before any test started."


def problem(found: Problem) -> tuple[str, str]:
    """One headline and an optional detail for a file that cannot be graded at all."""
    if isinstance(found, ApiMismatch):
        return "Your file does not offer the kata's API yet.", "\n".join(api_problem(p) for p in found.problems)
    if isinstance(found, Tampered):
        return (f"Your code changed the test machinery ({found.what} was replaced), so it cannot be graded.",
                "Solutions may not patch pytest, hypothesis or the grader.")
    if isinstance(found, InternalError):
        return "The grader itself failed: this is a bug in katas, not in your code.", found.traceback or found.error
    if isinstance(found, ImportFailed):
        return import_failed(found), ""
    if isinstance(found, ChildCrashed):
        return child_crashed(found), ""
    return "Your file could not be graded.", ""


# -- output ---------------------------------------------------------------------------------------

def printed(text: str, total_chars: int) -> str:
    dropped = total_chars - len(text)
    return text + (f"\n... ({dropped:,} more characters not shown)" if dropped > 0 else "")


def prints_captured(total_chars: int, kata: str) -> str:
    return f"Your code printed {total_chars:,} characters while it was graded: grade {kata} --verbose shows them."
