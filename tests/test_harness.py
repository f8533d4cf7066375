"""The suite authors' language, unit by unit: Script, same, fill, expect_raises, the speed check, virtual time."""

from __future__ import annotations

import asyncio
import time

import pytest

from grader.harness import PropertyFailed, Script, UserCodeRaised, assert_as_fast_as_reference, fill, same
from grader.harness import suite, virtual_time


class Box:
    def __init__(self, size):
        if size < 0:
            raise ValueError("negative size")
        self.size = size
        self.items = []

    def put(self, item):
        self.items.append(item)

    def get(self, index):
        return self.items[index]

    def todo(self):
        raise NotImplementedError


class EqualsEverything:
    def __eq__(self, other):
        return True


@pytest.fixture(autouse=True)
def kata_named_box():
    suite.install(None, None, "box")


def test_same_needs_equal_values_of_exactly_the_same_builtin_types():
    assert same([1, (2, "a")], [1, (2, "a")])
    assert same({"k": {1, 2}}, {"k": {2, 1}})
    assert not same(True, 1) and not same(1, 1.0) and not same([1], (1,))
    assert not same(EqualsEverything(), 3) and not same([EqualsEverything()], [3])
    sentinel = object()
    assert same(sentinel, sentinel) and not same(object(), sentinel)


def test_fill_replaces_the_placeholders_and_nothing_else():
    assert fill("got {got}, expected {expected} in {1, 2}", got=[1], expected="a") == \
        "got [1], expected 'a' in {1, 2}"
    assert fill("{got}", got=object()) == "a object object"


def test_a_script_records_calls_as_python_to_paste():
    script = Script()
    box = script.new("box", Box, 2)
    script.call(box, "put", "x")
    assert script.call(box, "get", 0) == "x"
    assert script.render() == "box = Box(2)\nbox.put('x')\nbox.get(0)"


def test_a_call_that_raises_names_the_call_and_keeps_the_script():
    script = Script()
    box = script.new("box", Box, 2)
    with pytest.raises(UserCodeRaised) as raised:
        script.call(box, "get", 5)
    assert raised.value.call == "box.get(5)"
    assert raised.value.message == "box.get(5) raised IndexError: list index out of range"
    assert raised.value.script.endswith("box.get(5)  # raises IndexError")
    assert raised.value.replay == "from box import Box\nbox = Box(2)\nbox.get(5)"


def test_expect_fills_the_message_annotates_the_script_and_writes_an_assertion_to_replay():
    script = Script()
    box = script.new("box", Box, 2)
    script.call(box, "put", 1)
    script.expect(script.call(box, "get", 0), 1, "unused")
    with pytest.raises(PropertyFailed) as failed:
        script.expect(script.call(box, "get", 0), 2, "get(0) returned {got}, expected {expected}.")
    assert failed.value.message == "get(0) returned 1, expected 2."
    assert failed.value.script.endswith("box.get(0)  # got 1")
    assert failed.value.replay.endswith("assert (box.get(0)) == 2")


def test_expect_raises_passes_on_the_error_and_says_what_happened_otherwise():
    script = Script()
    error = script.expect_raises(ValueError, lambda: script.new("box", Box, -1), "never shown")
    assert isinstance(error, ValueError)
    with pytest.raises(PropertyFailed) as returned:
        script.expect_raises(ValueError, lambda: script.new("box", Box, 1), "Box(1) {got}; it must raise {expected}.")
    assert returned.value.message == "Box(1) returned a Box object; it must raise ValueError."
    assert "with pytest.raises(ValueError):" in returned.value.replay
    box = script.new("other", Box, 1)
    with pytest.raises(PropertyFailed) as wrong:
        script.expect_raises(KeyError, lambda: script.call(box, "get", 3), "get(3) {got}, but must raise {expected}.")
    assert wrong.value.message == "get(3) raised IndexError: list index out of range, but must raise KeyError."


def test_expect_raises_lets_a_stub_read_as_not_started():
    script = Script()
    box = script.new("box", Box, 1)
    with pytest.raises(UserCodeRaised) as raised:
        script.expect_raises(ValueError, lambda: script.call(box, "todo"), "never shown")
    assert isinstance(raised.value.original, NotImplementedError)


def test_quietly_drops_the_calls_of_a_passing_check_and_keeps_those_of_a_failing_one():
    script = Script()
    box = script.new("box", Box, 1)
    with script.quietly():
        script.call(box, "put", 1)
    assert script.render() == "box = Box(1)"
    with pytest.raises(PropertyFailed) as failed:
        with script.quietly():
            script.expect(script.call(box, "get", 0), 9, "get(0) is {got}")
    assert "box.get(0)" in failed.value.script


def test_the_speed_check_fails_a_worse_complexity_without_quoting_timings():
    fast = lambda: sum(range(1000))  # noqa: E731
    slow = lambda: [sum(range(1000)) for _ in range(200)]  # noqa: E731
    assert_as_fast_as_reference(fast, fast, limit=10, workload="a sum", hint="")
    with pytest.raises(PropertyFailed) as failed:
        assert_as_fast_as_reference(slow, fast, limit=10, workload="a sum", hint="Use a formula.")
    assert failed.value.message == "On a sum, your code took more than 10x as long as the reference. Use a formula."


def test_virtual_time_skips_idle_time_and_is_exact():
    async def main():
        loop = asyncio.get_running_loop()
        await asyncio.sleep(3600)
        await asyncio.wait_for(asyncio.sleep(10), timeout=20)
        return loop.time()

    started = time.monotonic()
    assert virtual_time.run(main()) == 3610.0
    assert time.monotonic() - started < 1.0


def test_virtual_time_reports_deadlocks_time_limits_and_leftover_tasks():
    async def waits_forever():
        await asyncio.Event().wait()

    async def sleeps_long():
        await asyncio.sleep(100)

    async def leaves_a_task():
        asyncio.get_running_loop().create_task(asyncio.sleep(5))

    with pytest.raises(virtual_time.Deadlock):
        virtual_time.run(waits_forever())
    with pytest.raises(virtual_time.TimeLimitExceeded):
        virtual_time.run(sleeps_long(), time_limit=10)
    with pytest.raises(virtual_time.LeftoverTasks, match="1 task"):
        virtual_time.run(leaves_a_task())
