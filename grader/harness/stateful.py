"""Model tests: a state machine run through fixed runs that decide correctness, then through random ones."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Sequence

from hypothesis import settings as Settings
from hypothesis.stateful import INVARIANT_MARKER, RuleBasedStateMachine, run_state_machine_as_test

Step = Sequence  # ("rule_name", *arguments): the first step of a run names the machine's initialize method


def replay(machine_class: type[RuleBasedStateMachine], steps: Iterable[Step]) -> None:
    """Drive one fixed run through the machine, checking its invariants after each step, as hypothesis does."""
    machine = machine_class()
    invariants = [getattr(machine, name) for name, member in inspect.getmembers(machine_class)
                  if hasattr(member, INVARIANT_MARKER)]
    try:
        for name, *arguments in steps:
            getattr(machine, name)(*arguments)
            for check in invariants:
                check()
    finally:
        machine.teardown()


def run_model_test(machine_class: type[RuleBasedStateMachine], deciding_runs: Iterable[Iterable[Step]],
                   settings: Settings) -> None:
    """The deciding runs first, so that code which breaks one of them fails at every seed, not only at the seeds
    whose random runs happen upon the pattern; then the random runs, for what nobody thought to write down."""
    for steps in deciding_runs:
        replay(machine_class, steps)
    run_state_machine_as_test(machine_class, settings=settings)
