"""What hidden suites are written with: a small language for stating properties of the learner's code.

    @scored(points=10, level=1)                  # every hidden test: its points and level
    def test_get_refreshes_recency():
        script = Script()                        # records each call as Python the learner can paste
        cache = script.new("cache", solution().LRUCache, 2)
        script.call(cache, "put", 0, 0)
        script.expect(script.call(cache, "get", 0), 0, "get(0) returned {got}, expected {expected}.")
        script.expect_raises(ValueError, lambda: script.new("bad", solution().LRUCache, 0),
                             "LRUCache(0) {got}; a capacity below 1 must raise {expected}.")

`same` compares values by exact built-in type, so an object whose __eq__ always says True cannot
pass. `assert_as_fast_as_reference` times the learner's code against the reference in the same run.
`virtual_time` runs async code on a virtual clock. See docs/authoring.md for the whole contract.
"""

from grader.harness.script import PropertyFailed, Script, UserCodeRaised, fill, same, short, verbatim
from grader.harness.speed import assert_as_fast_as_reference, best_times
from grader.harness.stateful import replay, run_model_test
from grader.harness.suite import SETTINGS, STATEFUL_SETTINGS, install, reference, scored, solution

__all__ = [
    "scored", "solution", "reference", "install", "Script", "PropertyFailed", "UserCodeRaised", "same", "fill",
    "short", "verbatim", "assert_as_fast_as_reference", "best_times", "SETTINGS", "STATEFUL_SETTINGS",
    "run_model_test", "replay",
]
