"""What hidden suites are written with.

A suite marks each test with @scored, drives the user's code through a Script so that a failure
reads as Python the user can paste, and compares results with `same`, which an object whose
__eq__ always says True cannot fool. Timing checks compare with the reference in the same process.
"""

from __future__ import annotations

import builtins
import gc
import time
from types import ModuleType
from contextlib import contextmanager
from typing import Any, Callable, Iterator, NoReturn

from hypothesis import HealthCheck, Phase, settings

__all__ = [
    "scored", "solution", "reference", "Script", "PropertyFailed", "UserCodeRaised",
    "same", "assert_as_fast_as_reference", "SETTINGS", "STATEFUL_SETTINGS",
]

# Taken before the user's module is imported, so a solution that patches the clock cannot fake speed.
_perf_counter = time.perf_counter
_print = builtins.print

# One budget for every suite: enough examples to find the classic bugs, few enough to grade in about
# a second. Strategies over text should name an alphabet: an unrestricted st.text() makes hypothesis
# build its Unicode tables in each fresh child, which costs more than a whole suite. The seed comes from the command line (--hypothesis-seed), so grading is deterministic.
SETTINGS = settings(
    max_examples=100,
    database=None,
    deadline=None,
    derandomize=False,
    print_blob=False,
    report_multiple_bugs=False,
    suppress_health_check=list(HealthCheck),
    phases=(Phase.explicit, Phase.generate, Phase.shrink),
)
STATEFUL_SETTINGS = settings(SETTINGS, max_examples=40, stateful_step_count=20)

_modules: dict[str, ModuleType] = {}
_kata: list[str] = ["solution"]


def scored(*, points: int, level: int = 1, timeout: float = 5.0) -> Callable:
    """Give a hidden test its points and level. The grader reads these from the source, not at run time."""

    def mark(test: Callable) -> Callable:
        test.scored = (points, level, timeout)
        return test

    return mark


def install(solution_module: ModuleType, reference_module: ModuleType, kata: str) -> None:
    _modules["solution"] = solution_module
    _modules["reference"] = reference_module
    _kata[0] = kata


def solution() -> ModuleType:
    """The module under test (the user's file)."""
    return _modules["solution"]


def reference() -> ModuleType:
    """The kata's reference solution, for speed comparisons."""
    return _modules["reference"]


class PropertyFailed(AssertionError):
    """A check failed: `message` says what was expected, `script` replays it, `replay` is a pinnable test body."""

    def __init__(self, message: str, script: str = "", replay: str = ""):
        super().__init__(message)
        self.message = message
        self.script = script
        self.replay = replay


class UserCodeRaised(Exception):
    """The user's code raised where the API promises a result."""

    def __init__(self, message: str, script: str, original: BaseException, replay: str = ""):
        super().__init__(message)
        self.message = message
        self.script = script
        self.original = original
        self.replay = replay


_SCALARS = (bool, int, float, complex, str, bytes, type(None))


def same(actual: Any, expected: Any) -> bool:
    """Equal and of exactly the same built-in types, all the way down.

    An object that claims equality with everything is never of the promised built-in type.
    Non-built-in expected values (sentinels, stored objects) must come back as the same object.
    """
    if actual is expected:
        return True
    if type(actual) is not type(expected):
        return False
    if isinstance(expected, _SCALARS):
        return expected == actual
    if isinstance(expected, (list, tuple)):
        return len(actual) == len(expected) and all(same(a, e) for a, e in zip(actual, expected))
    if isinstance(expected, (set, frozenset)):
        return all(type(a) in _SCALARS or type(a) is tuple for a in actual) and expected == actual
    if isinstance(expected, dict):
        return (
            same(sorted(actual, key=repr), sorted(expected, key=repr))
            and all(same(actual[k], expected[k]) for k in expected)
        )
    return False


def _args_repr(args: tuple, kwargs: dict) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return ", ".join(parts)


class Script:
    """Records the calls a test makes on the user's code, as Python the user can paste and replay."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._notes: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self._imports: list[str] = []

    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Calls made inside are left out of the script unless one of them fails (for invariant checks)."""
        mark = len(self._lines)
        yield
        del self._lines[mark:]  # not reached when a check inside failed: then its calls stay in the script

    def new(self, name: str, cls: type, *args: Any, **kwargs: Any) -> Any:
        """Construct `cls(*args)` and call the object `name` in the script."""
        self._import(cls.__name__)
        obj = self.run(f"{name} = {cls.__name__}", cls, *args, **kwargs)
        self._names[id(obj)] = name
        return obj

    def call(self, obj: Any, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.run(f"{self._names[id(obj)]}.{method}", getattr(obj, method), *args, **kwargs)

    def len(self, obj: Any) -> Any:
        return self.run("len", len, obj, shown=f"len({self._names[id(obj)]})")

    def contains(self, obj: Any, item: Any) -> Any:
        return self.run("in", obj.__contains__, item, shown=f"{item!r} in {self._names[id(obj)]}")

    def attr(self, obj: Any, name: str) -> Any:
        return self.run("attr", lambda: getattr(obj, name), shown=f"{self._names[id(obj)]}.{name}")

    def run(self, label: str, fn: Callable, *args: Any, shown: str | None = None, **kwargs: Any) -> Any:
        """Call fn, record the call, and turn an exception from the user's code into a readable failure."""
        if shown is None and label.isidentifier():
            self._import(label)  # a module-level function of the kata, called by name
        line = shown or f"{label}({_args_repr(args, kwargs)})"
        self._lines.append(line)
        try:
            return fn(*args, **kwargs)
        except (Exception, SystemExit, GeneratorExit) as exc:  # never the grader's own timeout signal
            self.note(f"raises {type(exc).__name__}")
            where = line.split(" = ", 1)[-1] if shown is None else line
            raise UserCodeRaised(
                f"{where} raised {type(exc).__name__}: {exc}".rstrip(": "), self.render(), exc, self.replay()
            ) from exc

    def _import(self, name: str) -> None:
        if name not in self._imports:
            self._imports.append(name)

    def note(self, comment: str) -> None:
        index = len(self._lines) - 1
        self._notes[index] = f"{self._notes[index]}; {comment}" if index in self._notes else comment

    def render(self) -> str:
        return "\n".join(f"{line}  # {self._notes[i]}" if i in self._notes else line
                         for i, line in enumerate(self._lines))

    def replay(self, expected: Any = None, check_last: bool = False) -> str:
        """The calls as a test body, ending in an assertion on the last one when its expected value is known."""
        lines = list(self._lines)
        if check_last and lines and " = " not in lines[-1]:
            operator = "is" if expected is None or isinstance(expected, bool) else "=="
            lines[-1] = f"assert ({lines[-1]}) {operator} {expected!r}"
        header = [f"from {_kata[0]} import {', '.join(self._imports)}"] if self._imports else []
        return "\n".join(header + lines)

    def fail(self, message: str, *, got: Any = None, show_got: bool = True) -> NoReturn:
        if show_got and self._lines:
            self.note(f"got {got!r}")
        raise PropertyFailed(message, self.render())

    def expect(self, actual: Any, expected: Any, message: str) -> None:
        """Fail with `message`, its {got} and {expected} filled in, unless actual is `same` as expected."""
        if not same(actual, expected):
            self.note(f"got {_short(actual)}")
            # A pinned test must fail for the same reason, so it needs an assertion it can write down.
            replay = self.replay(expected, check_last=True) if _replayable(expected) else ""
            # Plain replacement, not str.format: messages may quote sets and dicts, braces and all.
            text = message.replace("{got}", _short(actual)).replace("{expected}", _short(expected))
            raise PropertyFailed(text, self.render(), replay)


def _replayable(value: Any) -> bool:
    """A value whose repr is Python that rebuilds it, so a pinned test can assert on it."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_replayable(v) for v in value)
    if isinstance(value, dict):
        return all(_replayable(k) and _replayable(v) for k, v in value.items())
    return type(value) in _SCALARS


def _short(value: Any, limit: int = 120) -> str:
    try:
        text = repr(value)
    except Exception as exc:  # a user object whose __repr__ is broken
        text = f"<{type(value).__name__} with a broken __repr__: {type(exc).__name__}>"
    if type(value).__repr__ is object.__repr__:
        text = f"a {type(value).__name__} object"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _timed(run: Callable[[], Any]) -> float:
    # Debug prints left in a correct solution must not cost it the speed check: print does nothing
    # while either side is timed.
    gc.disable()
    builtins.print = _no_print
    try:
        start = _perf_counter()
        run()
        return _perf_counter() - start
    finally:
        builtins.print = _print
        gc.enable()


def _no_print(*args: Any, **kwargs: Any) -> None:
    return None


def best_times(user_run: Callable[[], Any], reference_run: Callable[[], Any], repeats: int = 3,
               give_up_at: float = float("inf")) -> tuple[float, float]:
    """Best wall times of alternating runs (user, reference, user, ...), so a busy machine slows both alike."""
    user_best = reference_best = float("inf")
    for _ in range(repeats):
        user_best = min(user_best, _timed(user_run))
        reference_best = min(reference_best, _timed(reference_run))
        if user_best > give_up_at * reference_best:
            break  # far past any limit already: more rounds would only make a slow solution slower to grade
    return user_best, reference_best


def assert_as_fast_as_reference(
    user_run: Callable[[], Any],
    reference_run: Callable[[], Any],
    *,
    limit: float,
    workload: str,
    hint: str,
    repeats: int = 3,
) -> None:
    """Fail when the user's code takes more than `limit` times the reference's time on the same workload.

    The limit is generous: only a worse complexity class, not a slower constant, fails.
    """
    user_best, reference_best = best_times(user_run, reference_run, repeats, give_up_at=3 * limit)
    if user_best > limit * reference_best:
        raise PropertyFailed(
            # No measured figures in the message: the same code must get the same words every time.
            f"On {workload}, your code took more than {limit:.0f}x as long as the reference. {hint}"
        )
