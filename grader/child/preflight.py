"""API preflight: does the learner's module offer everything the reference's public API offers?

Runs in the child (it needs the imported module). Inherited and C-implemented methods are fine:
their signatures are often unavailable or positional-only, so only Python functions are bound-checked.
"""

from __future__ import annotations

import inspect
from types import ModuleType
from typing import Any

from grader.protocol import ApiProblem

_PROTOCOL_DUNDERS = (
    "__init__", "__len__", "__contains__", "__iter__", "__getitem__", "__setitem__", "__delitem__",
    "__call__", "__enter__", "__exit__", "__aenter__", "__aexit__",
)


def public_api(module: ModuleType) -> dict[str, Any]:
    """The classes and functions a module defines itself, under public names."""
    return {
        name: obj
        for name, obj in vars(module).items()
        if not name.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and getattr(obj, "__module__", None) == module.__name__
    }


def _members(cls: type) -> dict[str, Any]:
    members = {}
    for name, value in vars(cls).items():
        if name.startswith("_") and name not in _PROTOCOL_DUNDERS:
            continue
        if name == "__init__" and _is_generated_init(cls):
            continue
        if name in getattr(cls, "__dataclass_fields__", {}):
            continue  # a field's default is data, not a method; the tests check the fields
        members[name] = value
    return members


def _is_generated_init(cls: type) -> bool:
    return hasattr(cls, "__dataclass_fields__")


def _shown(name: str, func: Any) -> str:
    try:
        params = list(inspect.signature(func).parameters.values())
    except (TypeError, ValueError):
        return f"{name}(...)"
    if params and params[0].name in ("self", "cls"):
        params = params[1:]
    # Without annotations: the user's names and defaults are what matter here.
    shown = [str(p.replace(annotation=p.empty)) for p in params]
    return f"{name}({', '.join(shown)})"


def _call_shape(func: Any, bound: int) -> tuple[list, dict] | None:
    """A call that any faithful implementation of `func` must accept: required args by position, optional by name."""
    try:
        params = list(inspect.signature(func).parameters.values())[bound:]
    except (TypeError, ValueError):
        return None
    positional, keywords = [], {}
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD):
            positional.append(None)
        else:
            keywords[p.name] = None
    return positional, keywords


def _accepts(expected: Any, actual: Any, bound: bool) -> bool:
    actual_func = getattr(actual, "__func__", actual)
    if not inspect.isfunction(inspect.unwrap(actual_func)):
        return True  # C-implemented or a callable object: trust it, the tests will tell.
    shape = _call_shape(expected, bound)
    if shape is None:
        return True
    positional, keywords = shape
    try:
        signature = inspect.signature(actual_func)
    except (TypeError, ValueError):
        return True
    try:
        signature.bind(*([None] * bound), *positional, **keywords)
    except TypeError:
        return False
    return True


def check(user: ModuleType, ref: ModuleType) -> list[ApiProblem]:
    """Every way the learner's module falls short of the reference's API, as facts (messages.py words them)."""
    problems = []
    for name, expected in public_api(ref).items():
        actual = getattr(user, name, None)
        if actual is None:
            if inspect.isclass(expected):
                problems.append(ApiProblem("missing_class", name))
            else:
                problems.append(ApiProblem("missing_function", name, expected=_shown(name, expected)))
            continue
        if inspect.isclass(expected):
            if not inspect.isclass(actual):
                problems.append(ApiProblem("not_a_class", name))
                continue
            problems.extend(_check_class(name, expected, actual))
        elif not callable(actual):
            problems.append(ApiProblem("not_a_function", name, expected=_shown(name, expected)))
        elif not _accepts(expected, actual, bound=0):
            problems.append(ApiProblem("wrong_signature", name, expected=_shown(name, expected),
                                       actual=_shown(name, actual)))
    return problems


def _check_class(name: str, expected: type, actual: type) -> list[ApiProblem]:
    problems = []
    for member, value in _members(expected).items():
        found = inspect.getattr_static(actual, member, None)
        if isinstance(value, property):
            if found is None:
                problems.append(ApiProblem("missing_property", name, member))
            elif inspect.isfunction(found) or isinstance(found, (staticmethod, classmethod)):
                problems.append(ApiProblem("not_a_property", name, member))
            continue
        if member == "__init__" and found is object.__init__:
            problems.append(ApiProblem("no_constructor", name, member, expected=_shown(name, value)))
            continue
        if found is None or not callable(getattr(actual, member, None)):
            problems.append(ApiProblem("missing_method", name, member, expected=_shown(member, value)))
            continue
        if isinstance(value, (staticmethod, classmethod)):
            continue
        if not _accepts(value, getattr(actual, member), bound=1):
            shown_as = name if member == "__init__" else member
            problems.append(ApiProblem("wrong_signature", name, member, expected=_shown(shown_as, value),
                                       actual=_shown(shown_as, getattr(actual, member))))
    return problems
