"""Script: the calls a hidden test makes on the learner's code, recorded as Python they can paste.

Every message a suite writes is a template: `{got}` and `{expected}` are filled in by plain text
replacement (never str.format, so messages may quote sets and dicts, braces and all).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, NoReturn

from grader import messages
from grader.harness.suite import kata_name


class PropertyFailed(AssertionError):
    """A check failed: `message` says what was expected, `script` replays it, `replay` is a pinnable test body."""

    def __init__(self, message: str, script: str = "", replay: str = ""):
        super().__init__(message)
        self.message = message
        self.script = script
        self.replay = replay


class UserCodeRaised(Exception):
    """The learner's code raised where the API promises a result: `call` is the line that raised."""

    def __init__(self, call: str, original: BaseException, script: str = "", replay: str = ""):
        self.message = messages.raised(call, type(original).__name__, str(original))
        super().__init__(self.message)
        self.call = call
        self.original = original
        self.script = script
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


def fill(template: str, **values: Any) -> str:
    """The one way messages are templated: each `{name}` becomes the short repr of its value (or the text itself)."""
    for name, value in values.items():
        template = template.replace("{" + name + "}", value if isinstance(value, _Raw) else short(value))
    return template


class _Raw(str):
    """Text put into a template as it is, not as a repr ('returned 3', 'raised KeyError')."""


def verbatim(text: str) -> str:
    """Mark text to go into a message template as it is (a list already formatted), not as its repr."""
    return _Raw(text)


def outcome_of_raise(exc: BaseException) -> str:
    return _Raw(messages.raised_phrase(type(exc).__name__, str(exc)))


def short(value: Any, limit: int = 120) -> str:
    """A repr for a message: cut to `limit` characters, never a traceback from a broken __repr__."""
    try:
        text = repr(value)
    except Exception as exc:  # a learner's object whose __repr__ is broken
        text = f"<{type(value).__name__} with a broken __repr__: {type(exc).__name__}>"
    if type(value).__repr__ is object.__repr__:
        text = f"a {type(value).__name__} object"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _replayable(value: Any) -> bool:
    """A value whose repr is Python that rebuilds it, so a pinned test can assert on it."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return all(_replayable(v) for v in value)
    if isinstance(value, dict):
        return all(_replayable(k) and _replayable(v) for k, v in value.items())
    return type(value) in _SCALARS


def _args_repr(args: tuple, kwargs: dict) -> str:
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return ", ".join(parts)


class Script:
    """Records the calls a test makes on the learner's code, as Python the learner can paste and replay."""

    def __init__(self) -> None:
        self._lines: list[str] = []
        self._notes: dict[int, str] = {}
        self._names: dict[int, str] = {}
        self._imports: list[str] = []

    # -- calling the learner's code ---------------------------------------------------------------
    @contextmanager
    def quietly(self) -> Iterator[None]:
        """Calls made inside are left out of the script unless one of them fails (for invariant checks)."""
        mark = len(self._lines)
        yield
        del self._lines[mark:]  # not reached when a check inside failed: then its calls stay in the script
        self._notes = {index: note for index, note in self._notes.items() if index < mark}

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
        """Call fn, record the call, and turn an exception from the learner's code into a readable failure."""
        if shown is None and label.isidentifier():
            self._import(label)  # a module-level function of the kata, called by name
        line = shown or f"{label}({_args_repr(args, kwargs)})"
        self._lines.append(line)
        try:
            return fn(*args, **kwargs)
        except (Exception, SystemExit, GeneratorExit) as exc:  # never the grader's own timeout signal
            self.note(f"raises {type(exc).__name__}")
            where = line.split(" = ", 1)[-1] if shown is None else line
            raise UserCodeRaised(where, exc, self.render(), self.replay()) from exc

    def _import(self, name: str) -> None:
        if name not in self._imports:
            self._imports.append(name)

    # -- what the script shows ----------------------------------------------------------------------
    def note(self, comment: str) -> None:
        index = len(self._lines) - 1
        self._notes[index] = f"{self._notes[index]}; {comment}" if index in self._notes else comment

    def render(self) -> str:
        return "\n".join(f"{line}  # {self._notes[i]}" if i in self._notes else line
                         for i, line in enumerate(self._lines))

    def replay(self, expected: Any = None, check_last: bool = False, raises: type | None = None) -> str:
        """The calls as a test body, ending in an assertion on the last one when what it must do is known."""
        lines = list(self._lines)
        header = [f"from {kata_name()} import {', '.join(self._imports)}"] if self._imports else []
        if raises is not None and lines:
            header.insert(0, "import pytest")
            lines[-1] = f"with pytest.raises({raises.__name__}):\n    {lines[-1]}"
        elif check_last and lines and " = " not in lines[-1]:
            operator = "is" if expected is None or isinstance(expected, bool) else "=="
            lines[-1] = f"assert ({lines[-1]}) {operator} {expected!r}"
        return "\n".join(header + lines)

    # -- checks -------------------------------------------------------------------------------------
    def fail(self, message: str, *, got: Any = None, show_got: bool = True) -> NoReturn:
        """Fail with `message` ({got} filled in); the last call is annotated with what it returned."""
        if show_got and self._lines:
            self.note(f"got {short(got)}")
        raise PropertyFailed(fill(message, got=got), self.render())

    def expect(self, actual: Any, expected: Any, message: str) -> None:
        """Fail with `message`, its {got} and {expected} filled in, unless actual is `same` as expected."""
        if not same(actual, expected):
            self.note(f"got {short(actual)}")
            # A pinned test must fail for the same reason, so it needs an assertion it can write down.
            replay = self.replay(expected, check_last=True) if _replayable(expected) else ""
            raise PropertyFailed(fill(message, got=actual, expected=expected), self.render(), replay)

    def expect_raises(self, error: type[BaseException] | tuple[type[BaseException], ...],
                      call: Callable[[], Any], message: str) -> BaseException:
        """Run `call` (which calls the learner's code through this script); it must raise `error`.

        Otherwise fail with `message`, where {got} becomes what happened ('returned 3', 'raised
        KeyError: 'x'') and {expected} the error's name. Returns the exception raised, for further checks.
        A NotImplementedError passes through, so an untouched stub still reads as not started.
        """
        errors = error if isinstance(error, tuple) else (error,)
        expected = _Raw(" or ".join(e.__name__ for e in errors))
        try:
            got = call()
        except UserCodeRaised as raised:
            original = raised.original
            if isinstance(original, errors):
                return original
            if isinstance(original, NotImplementedError):
                raise
            raise PropertyFailed(fill(message, got=outcome_of_raise(original), expected=expected), self.render(),
                                 self.replay(raises=errors[0])) from None
        self.note(f"got {short(got)}")
        raise PropertyFailed(fill(message, got=_Raw(f"returned {short(got)}"), expected=expected), self.render(),
                             self.replay(raises=errors[0]))
