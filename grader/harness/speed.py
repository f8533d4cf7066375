"""Speed checks: the learner's code against the reference on the same workload, in the same process."""

from __future__ import annotations

import builtins
import gc
import time
from typing import Any, Callable

from grader import messages
from grader.harness.script import PropertyFailed, UserCodeRaised
from grader.harness.suite import solution

# Taken before the learner's module is imported, so a solution that patches the clock cannot fake speed.
_perf_counter = time.perf_counter
_print = builtins.print


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
    reproduce: str = "",
    repeats: int = 3,
) -> None:
    """Fail when the user's code takes more than `limit` times the reference's time on the same workload.

    The limit is generous: only a worse complexity class, not a slower constant, fails. `reproduce` is the
    workload as Python the learner can paste (imports included), shown if their code raises while timed.
    """
    rule = messages.raised_while_timed(workload)
    try:
        user_best, reference_best = best_times(user_run, reference_run, repeats, give_up_at=3 * limit)
    except UserCodeRaised as raised:  # the workload called the learner's code through a Script: it names the call
        raise UserCodeRaised(raised.call, raised.original, raised.script or reproduce, raised.replay or reproduce,
                             rule) from raised.original
    except (Exception, SystemExit) as exc:
        if isinstance(exc, NotImplementedError):
            raise
        raise UserCodeRaised(_learner_call(exc), exc, reproduce, reproduce, rule) from exc
    if user_best > limit * reference_best:
        raise PropertyFailed(
            # No measured figures in the message: the same code must get the same words every time.
            f"On {workload}, your code took more than {limit:.0f}x as long as the reference. {hint}"
        )


def _learner_call(exc: BaseException) -> str:
    """The workload's entry into the learner's file and where it raised: 'LRUCache.put (line 42 of your file)'."""
    learner_file = getattr(solution(), "__file__", None)
    entry, line = None, None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename == learner_file:
            entry = entry or getattr(code, "co_qualname", code.co_name)
            line = tb.tb_lineno
        tb = tb.tb_next
    return f"{entry} (line {line} of your file)" if entry else "your code"
