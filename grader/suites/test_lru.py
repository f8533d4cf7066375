"""Hidden tests for the lru kata."""

from __future__ import annotations

import random
from collections import OrderedDict

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, Script, assert_as_fast_as_reference, reference, run_model_test, same, scored,
    solution,
)

# A few keys, so that every eviction path comes up within a few steps: None and strings that an
# implementation might also use for its own bookkeeping ("cap", "head") are keys like any other.
KEYS = (0, 1, None, "cap")
keys = st.sampled_from(KEYS)
values = st.none() | st.integers(0, 2)
capacities = st.sampled_from([1, 2, 2, 3])  # mostly 2 and 3: recency only matters with room for two keys
MISSING = "<missing>"
"""A default that no test stores, so a stored None and a missing key read differently."""


class LRUCacheMatchesModel(RuleBasedStateMachine):
    """The user's cache against an OrderedDict kept in recency order (last = most recent)."""

    @initialize(capacity=capacities)
    def new_cache(self, capacity):
        self.script = Script()
        self.cache = self.script.new("cache", solution().LRUCache, capacity)
        self.capacity = capacity
        self.model: OrderedDict = OrderedDict()
        self.evicted: set = set()

    @rule(key=keys, value=values)
    def put(self, key, value):
        self.script.call(self.cache, "put", key, value)
        if key not in self.model and len(self.model) == self.capacity:
            oldest, _ = self.model.popitem(last=False)
            self.evicted.add(oldest)
        self.model[key] = value
        self.model.move_to_end(key)
        self.evicted.discard(key)

    @rule(key=keys, default=st.sampled_from([None, MISSING]))
    def get(self, key, default):
        got = self.script.call(self.cache, "get", key, default) if default is not None else \
            self.script.call(self.cache, "get", key)
        if key not in self.model:
            self.script.expect(got, default, f"get({key!r}) returned {{got}}, but {self._why_absent(key)}, so it "
                               "must return the default, {expected}.")
            return
        self.model.move_to_end(key)
        if same(got, default) and not same(self.model[key], default):
            message = (f"get({key!r}) returned the default, {{got}}, as if the key were missing, but it was put "
                       f"and is among the {self.capacity} most recently used keys, so it must still be cached.")
        else:
            message = f"get({key!r}) returned {{got}}; the last value put for it was {{expected}}."
        self.script.expect(got, self.model[key], message)

    @precondition(lambda self: self.model)
    @rule(data=st.data())
    def get_a_cached_key(self, data):
        # Random keys hit the cache only about half the time; a read of a cached key followed by a put of a new
        # one is the pattern that shows whether a read refreshes recency, so it must come up in every run.
        self.get(data.draw(st.sampled_from(list(self.model)), label="key"), None)

    def _why_absent(self, key):
        if key in self.evicted:
            return f"{key!r} was the least recently used key when the cache was full, so it was evicted"
        return f"{key!r} was never put"

    @invariant()
    def holds_exactly_the_most_recently_used_keys(self):
        # Checked after every step, so an eviction of the wrong key shows at the put that made it.
        with self.script.quietly():
            self.script.expect(self.script.len(self.cache), len(self.model),
                               f"len(cache) is {{got}}, expected {{expected}} (capacity {self.capacity}).")
            for key in KEYS:
                held = key in self.model
                reason = (f"{key!r} was put and is among the {self.capacity} most recently used keys, so it must "
                          "still be cached" if held else self._why_absent(key))
                self.script.expect(self.script.contains(self.cache, key), held,
                                   f"`{key!r} in cache` gave {{got}}, but {reason}.")


# Runs that decide the recency rules: a cache that gets one of them wrong fails at every seed.
DECIDING_RUNS = [
    [("new_cache", 2), ("put", 0, 0), ("put", 1, 1), ("get", 0, None), ("put", None, 2)],   # a read refreshes
    [("new_cache", 2), ("put", 0, 0), ("put", 1, 1), ("put", 0, 2), ("put", None, 2)],      # so does an update
    [("new_cache", 2), ("put", 0, 0), ("put", 1, 1), ("put", None, 2), ("put", "cap", 0)],  # oldest goes first
    [("new_cache", 1), ("put", None, None), ("get", None, MISSING), ("put", 0, 1), ("get", None, MISSING)],
    [("new_cache", 3), ("put", 0, 0), ("put", 1, 1), ("put", 0, 1), ("put", None, 2), ("put", "cap", 0),
     ("get", 1, MISSING)],
]


@scored(points=30, level=1)
def test_cache_behaves_like_a_model_under_random_operations():
    run_model_test(LRUCacheMatchesModel, DECIDING_RUNS,
                   settings(STATEFUL_SETTINGS, max_examples=30, stateful_step_count=20))


# Where the inputs that matter are few, the tests below try all of them instead of sampling.


@scored(points=10, level=1)
def test_the_least_recently_used_key_is_evicted_first():
    for capacity in range(1, 5):
        for extra in range(1, 4):
            script = Script()
            cache = script.new("cache", solution().LRUCache, capacity)
            for key in range(capacity + extra):
                script.call(cache, "put", key, key)
            for key in range(extra):
                script.expect(script.contains(cache, key), False,
                              f"Key {key} is still cached after {capacity + extra} distinct puts into a cache "
                              f"of capacity {capacity}: the oldest keys must be evicted first.")
            for key in range(extra, capacity + extra):
                script.expect(script.call(cache, "get", key), key,
                              f"get({key}) returned {{got}}: the {capacity} most recent puts must all still be cached.")


@scored(points=10, level=1)
def test_get_refreshes_recency():
    for capacity in range(2, 5):
        script = Script()
        cache = script.new("cache", solution().LRUCache, capacity)
        for key in range(capacity):
            script.call(cache, "put", key, key)
        script.call(cache, "get", 0)
        script.call(cache, "put", capacity, capacity)
        script.expect(script.contains(cache, 0), True,
                      "Key 0 was evicted right after get(0) made it the most recently used key. "
                      "get must move the key to the most-recent end.")
        script.expect(script.contains(cache, 1), False,
                      "Key 1 was the least recently used key, so the last put should have evicted it.")


@scored(points=5, level=1)
def test_size_never_exceeds_capacity():
    for capacity in range(1, 4):
        script = Script()
        cache = script.new("cache", solution().LRUCache, capacity)
        for key in range(capacity + 2):
            script.call(cache, "put", key, key)
            script.expect(script.len(cache), min(key + 1, capacity),
                          f"The cache holds {{got}} keys after {key + 1} distinct puts, but its capacity is "
                          f"{capacity}: evict as you insert, so the size never goes past the capacity.")


@scored(points=8, level=2)
def test_updating_a_key_refreshes_it_without_evicting():
    for capacity in range(2, 5):
        script = Script()
        cache = script.new("cache", solution().LRUCache, capacity)
        for key in range(capacity):
            script.call(cache, "put", key, "old")
        script.call(cache, "put", 1, "new")
        script.expect(script.len(cache), capacity, "Updating key 1 changed the size to {got}: an update replaces "
                      "the value, it adds nothing and evicts nothing.")
        script.expect(script.call(cache, "get", 0), "old",
                      "get(0) returned {got}: updating key 1 in a full cache must not evict another key.")
        script.expect(script.call(cache, "get", 1), "new", "get(1) returned {got} after put(1, 'new').")
        script.call(cache, "put", 0, "refreshed")
        for key in range(2, capacity):
            script.call(cache, "get", key)
        script.call(cache, "put", capacity, "x")
        script.expect(script.contains(cache, 0), True,
                      "Key 0 was evicted although it was updated more recently than key 1: put on an "
                      "existing key makes it the most recently used.")


@scored(points=6, level=2)
def test_contains_does_not_count_as_a_use():
    for capacity in range(2, 5):
        script = Script()
        cache = script.new("cache", solution().LRUCache, capacity)
        for key in range(capacity):
            script.call(cache, "put", key, key)
        script.contains(cache, 0)
        script.call(cache, "put", capacity, capacity)
        script.expect(script.contains(cache, 0), False,
                      "`0 in cache` made key 0 recently used, so a later put evicted another key instead. "
                      "Checking membership must not change the recency order.")


@scored(points=6, level=2)
def test_a_stored_none_is_a_value():
    script = Script()
    cache = script.new("cache", solution().LRUCache, 2)
    script.call(cache, "put", "k", None)
    script.expect(script.call(cache, "get", "k", "default"), None,
                  "get returned {got}, but None was stored: a stored None is a value, not a missing key.")
    script.expect(script.contains(cache, "k"), True, "`'k' in cache` gave {got} for a key whose value is None.")
    script.expect(script.len(cache), 1, "len(cache) is {got} after storing one key whose value is None.")


@scored(points=4, level=2)
def test_a_missing_key_gives_the_default():
    script = Script()
    cache = script.new("cache", solution().LRUCache, 1)
    script.expect(script.call(cache, "get", "k"), None, "get on an empty cache returned {got}, expected None.")
    for default in (0, "", "fallback", False):
        script.expect(script.call(cache, "get", "k", default), default,
                      "get(key, default) on a missing key returned {got}, expected the default {expected}.")


@scored(points=4, level=2)
def test_a_capacity_below_one_is_rejected():
    for capacity in (0, -1):
        script = Script()
        script.expect_raises(ValueError, lambda: script.new("cache", solution().LRUCache, capacity),
                             f"LRUCache({capacity}) {{got}}; a capacity below 1 must raise {{expected}}.")


@scored(points=3, level=2)
def test_none_and_keys_that_look_like_bookkeeping_are_evicted_like_any_other():
    for first, second, third in ((None, 1, 2), (1, None, 2), ("cap", "head", "tail"), ("capacity", "size", None)):
        script = Script()
        cache = script.new("cache", solution().LRUCache, 2)
        for value, key in enumerate((first, second, third)):
            script.call(cache, "put", key, value)
        script.expect(script.len(cache), 2, "len(cache) is {got} after three puts of distinct keys into a cache of "
                      f"capacity 2. Keys are any hashable, {first!r} included: keep the cache's own data apart from "
                      "the keys, and never use None to mean 'no key'.")
        script.expect(script.contains(cache, first), False,
                      f"`{first!r} in cache` gave {{got}}: {first!r} was the least recently used key when {third!r} "
                      "was put into the full cache, so it must be evicted like any other key.")
        for value, key in ((1, second), (2, third)):
            script.expect(script.call(cache, "get", key, "<missing>"), value,
                          f"get({key!r}) returned {{got}}; the last value put for it was {{expected}}.")


@scored(points=4, level=2)
@settings(SETTINGS, max_examples=40)
@given(stored=st.lists(st.none() | st.booleans() | st.tuples(st.integers(0, 2)) | st.frozensets(st.integers(0, 2))
                       | st.text("ab", max_size=2) | st.floats(allow_nan=False), min_size=1, max_size=4, unique=True))
def test_any_hashable_key_works(stored):
    script = Script()
    cache = script.new("cache", solution().LRUCache, len(stored))
    for index, key in enumerate(stored):
        script.call(cache, "put", key, index)
    for index, key in enumerate(stored):
        script.expect(script.call(cache, "get", key), index,
                      f"get({key!r}) returned {{got}}, expected {{expected}}: keys can be any hashable, None included.")


def _workload(cls, capacity=5_000, operations=20_000):
    rng = random.Random(7)
    plan = [(rng.random() < 0.5, rng.randrange(2 * capacity)) for _ in range(operations)]

    def run():
        cache = cls(capacity)
        put, get = cache.put, cache.get
        for is_put, key in plan:
            if is_put:
                put(key, key)
            else:
                get(key)

    return run


@scored(points=10, level=3, timeout=30)
def test_operations_stay_constant_time_as_the_cache_grows():
    assert_as_fast_as_reference(
        _workload(solution().LRUCache), _workload(reference().LRUCache), limit=10,
        workload="20,000 gets and puts on a cache of 5,000 keys",
        hint="Something scans the keys on each call (list.remove, min over timestamps, a list index): "
        "keep a dict for lookup and a doubly linked list (or OrderedDict.move_to_end) for recency.",
    )


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "20,000 gets and puts, 5,000 keys": lambda module: _workload(module.LRUCache),
    "200,000 gets and puts, 50,000 keys": lambda module: _workload(module.LRUCache, 50_000, 200_000),
}
