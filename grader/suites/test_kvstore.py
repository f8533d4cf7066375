"""Hidden tests for the kvstore kata: a progressive round in four levels, each gated on the ones before.

Each level has a model test (a state machine against a small model of the statement, replaying fixed
runs that decide each rule before it explores at random) and a few tests aimed at the classic
mistakes, so the report names the rule that was broken. Levels 3 and 4 share one model of the
statement (`_Timeline`) and one way of calling the store and explaining what came back (`_Session`),
so the model test and the targeted tests give the same explanations.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule

from grader.harness import (
    STATEFUL_SETTINGS, PropertyFailed, Script, UserCodeRaised, run_model_test, same, scored, short, solution,
)

KEYS = ("k1", "k2")
# 'a' is a prefix of 'a!' and of 'ab', and '!' sorts before '(': sorting the formatted entries puts 'a!(...)'
# before 'a(...)' where sorting the fields does not. 'b' is inside 'ab' without starting it.
FIELDS = ("a", "a!", "ab", "b", "é")
VALUES = ("", "1", "2", "ü")  # the empty string first: it is a value like any other, and shrinking goes to it
PREFIXES = ("", "a", "ab", "b", "c")
keys, fields, values, prefixes = (st.sampled_from(choices) for choices in (KEYS, FIELDS, VALUES, PREFIXES))
TTLS = st.integers(1, 6)
PAUSES = st.integers(1, 6)
# The deciding runs carry the patterns that decide each rule, so the random runs can be fewer than before they
# existed (25): the mutants prove the budget at every seed, and the suite costs no more than it did.
MACHINE_SETTINGS = settings(STATEFUL_SETTINGS, max_examples=20)
EMPTY = " (the empty string is a value like any other: test for None, not for truth)"
CHANGED_NOTHING = "changed nothing"


def _new_store(script: Script):
    return script.new("store", solution().KVStore)


def _shown(method: str, args: tuple) -> str:
    return f"{method}({', '.join(map(repr, args))})"


def _run(script: Script, store, method: str, *args, rule: str):
    """store.method(*args). If the learner's code raises, the failure still says what the call had to do."""
    try:
        return script.call(store, method, *args)
    except UserCodeRaised as exc:
        if isinstance(exc.original, NotImplementedError):
            raise
        raise PropertyFailed(f"{exc.message}; {rule}", exc.script, exc.replay) from None


def _ask(script: Script, store, method: str, *args, expected, why: str):
    """store.method(*args) must return `expected`, for the reason `why`, whether it returns something else or raises."""
    got = _run(script, store, method, *args, rule=f"expected {short(expected)}: {why}.")
    script.expect(got, expected, f"{_shown(method, args)} returned {{got}}; expected {{expected}}: {why}.")
    return got


def _listing(fields: dict[str, str], prefix: str = "") -> list[str]:
    return [f"{field}({fields[field]})" for field in sorted(fields) if field.startswith(prefix)]


def _entries(listing) -> dict[str, str]:
    """field -> entry, for a listing that is a list of strings; {} for anything else."""
    if not isinstance(listing, list):
        return {}
    return {entry.split("(", 1)[0]: entry for entry in listing if isinstance(entry, str)}


def _scan_advice(why, got, expected: list[str]) -> str:
    """Say, field by field, why the entries that differ should or should not be listed, or what else is wrong."""
    listed, wanted = _entries(got), _entries(expected)
    odd = sorted(field for field in set(listed) | set(wanted) if listed.get(field) != wanted.get(field))
    if odd:
        return " " + " ".join(f"Field {field!r}: {why(field)}." for field in odd)
    if isinstance(got, list) and len(got) == len(expected) and all(isinstance(entry, str) for entry in got):
        if got == sorted(got):
            return (" The entries are right, in the wrong order: sort the fields, then format them. Sorting the "
                    "formatted strings compares the '(' after a short field with the next character of a longer "
                    "one, so 'a!(2)' comes before 'a(1)'.")
        return " The entries are right, in the wrong order: sort them by field name."
    return " Each entry is 'field(value)' with the field's current value, one per field, sorted by field, in a list."


def _ask_scan(script: Script, store, method: str, *args, expected: list[str], why) -> None:
    """A scan must list `expected`; `why(field)` explains each field that is listed wrongly."""
    rule = ("a key that was never set, or has no live field left, scans as []" if not expected else
            "one 'field(value)' entry per live field, sorted by field name")
    got = _run(script, store, method, *args, rule=f"expected {short(expected)}: {rule}.")
    script.expect(got, expected, f"{_shown(method, args)} returned {{got}}; expected {{expected}}."
                  + _scan_advice(why, got, expected))


# ---------------------------------------------------------------------------------------------
# Level 1: set, get, delete


class StoreMatchesDictOfDicts(RuleBasedStateMachine):
    """The user's store against a dict of dicts, with the plain operations."""

    @initialize()
    def new_store(self):
        self.script = Script()
        self.store = _new_store(self.script)
        self.model: dict[str, dict[str, str]] = {}
        self.deleted: set[tuple[str, str]] = set()

    def why(self, key: str, field: str) -> str:
        if field in self.model.get(key, {}):
            value = self.model[key][field]
            return f"the last set of {field!r} in {key!r} stored {value!r}" + (EMPTY if value == "" else "")
        if (key, field) in self.deleted:
            return f"{field!r} was deleted from {key!r}"
        elsewhere = [other for other in sorted(self.model) if field in self.model[other]]
        return f"{field!r} was never set in {key!r}" + (
            f" (it was set in {elsewhere[0]!r}: a field under another key is another record)" if elsewhere else "")

    @rule(key=keys, field=fields, value=values)
    def set(self, key, field, value):
        _run(self.script, self.store, "set", key, field, value, rule=f"set stores {value!r} and returns None.")
        self.model.setdefault(key, {})[field] = value
        self.deleted.discard((key, field))

    @rule(key=keys, field=fields)
    def get(self, key, field):
        _ask(self.script, self.store, "get", key, field, expected=self.model.get(key, {}).get(field),
             why=self.why(key, field))

    @rule(key=keys, field=fields)
    def delete(self, key, field):
        expected = field in self.model.get(key, {})
        _ask(self.script, self.store, "delete", key, field, expected=expected, why=self.why(key, field))
        if expected:
            del self.model[key][field]
            self.deleted.add((key, field))

    @precondition(lambda self: any(self.model.values()))
    @rule(data=st.data())
    def get_a_stored_field(self, data):
        # Random reads hit a stored field a third of the time; a read of what was just stored must come up often.
        stored = sorted((key, field) for key, fields_ in self.model.items() for field in fields_)
        self.get(*data.draw(st.sampled_from(stored), label="key, field"))


# Runs that decide the rules of level 1: code that breaks one of them fails at every seed.
DECIDING_RUNS_OF_LEVEL_1 = [
    [("new_store",), ("set", "k1", "a", ""), ("get", "k1", "a"), ("delete", "k1", "a"), ("get", "k1", "a")],
    [("new_store",), ("get", "k1", "a"), ("delete", "k1", "a"), ("set", "k2", "a", "1"), ("get", "k1", "a"),
     ("delete", "k1", "a"), ("get", "k2", "b"), ("delete", "k2", "b")],
    [("new_store",), ("set", "k1", "a", "1"), ("set", "k1", "a", "2"), ("get", "k1", "a"), ("delete", "k1", "a"),
     ("delete", "k1", "a"), ("get", "k1", "a")],
    [("new_store",), ("set", "k1", "a", "1"), ("set", "k2", "a", "2"), ("delete", "k2", "a"), ("get", "k1", "a")],
]


@scored(points=9, level=1)
def test_store_agrees_with_a_dict_of_dicts_under_random_operations():
    run_model_test(StoreMatchesDictOfDicts, DECIDING_RUNS_OF_LEVEL_1, MACHINE_SETTINGS)


@scored(points=4, level=1)
def test_get_returns_the_last_value_set():
    script = Script()
    store = _new_store(script)
    for value in ("1", "22", "", "ünïcødé", "a(b)", ""):
        script.call(store, "set", "user", "name", value)
        _ask(script, store, "get", "user", "name", expected=value,
             why=f"the last set stored {value!r}, replacing the previous value" + (EMPTY if value == "" else ""))


@scored(points=4, level=1)
def test_a_missing_key_or_field_reads_as_none():
    script = Script()
    store = _new_store(script)
    _ask(script, store, "get", "user", "name", expected=None, why="the store is empty, and a key never set reads as None")
    script.call(store, "set", "user", "name", "")
    _ask(script, store, "get", "user", "email", expected=None,
         why="'email' was never set in 'user': a field never set reads as None")
    _ask(script, store, "get", "team", "name", expected=None,
         why="the field 'name' was set under 'user', not under 'team', which was never set")
    _ask(script, store, "get", "user", "name", expected="",
         why="set('user', 'name', '') stored the empty string, which is not a missing field" + EMPTY)


@scored(points=5, level=1)
def test_delete_reports_whether_the_field_existed():
    script = Script()
    store = _new_store(script)
    _ask(script, store, "delete", "user", "name", expected=False,
         why="the store is empty, so there is nothing to delete")
    script.call(store, "set", "user", "name", "Ada")
    script.call(store, "set", "user", "nick", "")
    _ask(script, store, "delete", "user", "email", expected=False, why="'email' was never set in 'user'")
    _ask(script, store, "delete", "user", "name", expected=True, why="'name' is set in 'user'")
    _ask(script, store, "get", "user", "name", expected=None, why="'name' was deleted from 'user'")
    _ask(script, store, "delete", "user", "name", expected=False,
         why="'name' was already deleted, so the second delete finds nothing")
    _ask(script, store, "delete", "user", "nick", expected=True, why="'nick' is set in 'user', to ''" + EMPTY)


@scored(points=3, level=1)
def test_keys_keep_their_fields_apart():
    script = Script()
    store = _new_store(script)
    script.call(store, "set", "ada", "lang", "en")
    script.call(store, "set", "bob", "lang", "")
    _ask(script, store, "get", "ada", "lang", expected="en",
         why="set('ada', 'lang', 'en') stored it: the same field under another key is another record")
    script.call(store, "delete", "bob", "lang")
    _ask(script, store, "get", "ada", "lang", expected="en",
         why="delete('bob', 'lang') deleted a field of 'bob' and must leave the other keys alone")


# ---------------------------------------------------------------------------------------------
# Level 2: scans


class ScansMatchModel(StoreMatchesDictOfDicts):
    """Level 1's machine, with scans: every scan must list the model's fields, sorted by field."""

    @rule(key=keys)
    def scan(self, key):
        _ask_scan(self.script, self.store, "scan", key, expected=_listing(self.model.get(key, {})),
                  why=lambda field: self.why(key, field))

    @rule(key=keys, prefix=prefixes)
    def scan_by_prefix(self, key, prefix):
        _ask_scan(self.script, self.store, "scan_by_prefix", key, prefix,
                  expected=_listing(self.model.get(key, {}), prefix),
                  why=lambda field: self.why(key, field) + (
                      "" if field.startswith(prefix) else f", and it does not start with {prefix!r}"))


DECIDING_RUNS_OF_LEVEL_2 = DECIDING_RUNS_OF_LEVEL_1 + [
    [("new_store",), ("scan", "k1"), ("scan_by_prefix", "k1", "a"), ("set", "k1", "a", "1"), ("delete", "k1", "a"),
     ("scan", "k1"), ("scan_by_prefix", "k1", "")],
    [("new_store",), ("set", "k1", "b", "1"), ("set", "k1", "ab", ""), ("set", "k1", "a!", "2"),
     ("set", "k1", "a", "ü"), ("scan", "k1"), ("scan_by_prefix", "k1", "a"), ("scan_by_prefix", "k1", "b"),
     ("scan_by_prefix", "k1", "c"), ("scan", "k2")],
]


@scored(points=6, level=2)
def test_scans_agree_with_a_model_under_random_operations():
    run_model_test(ScansMatchModel, DECIDING_RUNS_OF_LEVEL_2, MACHINE_SETTINGS)


@scored(points=4, level=2)
def test_scan_lists_every_field_sorted_by_field():
    fields_ = {"city": "Paris", "age": "36", "name": "Ada", "email": ""}
    for order in (["city", "age", "name", "email"], ["name", "email", "city", "age"]):
        script = Script()
        store = _new_store(script)
        for field in order:
            script.call(store, "set", "user", field, fields_[field])
        _ask_scan(script, store, "scan", "user", expected=_listing(fields_),
                  why=lambda field: f"it was set to {fields_[field]!r}" + (EMPTY if fields_[field] == "" else ""))


@scored(points=3, level=2)
def test_scan_sorts_by_field_not_by_the_formatted_entry():
    script = Script()
    store = _new_store(script)
    for field, value in (("a", "1"), ("a b", "2"), ("a!", "")):
        script.call(store, "set", "k", field, value)
    expected = ["a(1)", "a b(2)", "a!()"]
    got = _run(script, store, "scan", "k", rule=f"expected {expected!r}, sorted by field.")
    script.expect(got, expected,
                  "scan('k') returned {got}; expected {expected}. Sort the fields, then format them: 'a' comes "
                  "before 'a b' because it is a prefix of it, but sorting the formatted strings compares "
                  "'(' with ' ' and puts 'a b(2)' first.")


@scored(points=4, level=2)
def test_scan_by_prefix_keeps_only_fields_that_start_with_the_prefix():
    fields_ = {"ab": "1", "ba": "2", "cab": "", "a": "4", "abc": "5", "b": "6"}
    script = Script()
    store = _new_store(script)
    for field, value in fields_.items():
        script.call(store, "set", "k", field, value)
    for prefix in ("a", "ab", "b", "abc", "abcd", "z", ""):
        _ask_scan(script, store, "scan_by_prefix", "k", prefix, expected=_listing(fields_, prefix),
                  why=lambda field: (f"it starts with {prefix!r}" if field.startswith(prefix) else
                                     f"it does not start with {prefix!r} (a field that merely contains the prefix "
                                     "does not match)") + (EMPTY if fields_[field] == "" else ""))


@scored(points=3, level=2)
def test_scans_of_a_missing_key_are_empty():
    script = Script()
    store = _new_store(script)
    never = lambda field: "'ghost' was never set"  # noqa: E731
    _ask_scan(script, store, "scan", "ghost", expected=[], why=never)
    _ask_scan(script, store, "scan_by_prefix", "ghost", "a", expected=[], why=never)
    script.call(store, "set", "user", "name", "")
    script.call(store, "delete", "user", "name")
    deleted = lambda field: "it was deleted, and it was the only field of 'user'"  # noqa: E731
    _ask_scan(script, store, "scan", "user", expected=[], why=deleted)
    _ask_scan(script, store, "scan_by_prefix", "user", "n", expected=[], why=deleted)


# ---------------------------------------------------------------------------------------------
# Levels 3 and 4: one model of the statement, and one session that drives a store beside it


@dataclass
class _Record:
    value: str
    expires: int | None
    origin: str
    """How the record got there, for messages: "it was set at 3 with ttl 2 (visible for 3 <= t < 5)"."""

    def alive(self, now: int) -> bool:
        return self.expires is None or now < self.expires


_Snapshot = dict  # key -> field -> (value, remaining lifetime or None)
_Records = dict  # key -> field -> _Record


def _live(records: _Records, key: str, now: int) -> dict[str, str]:
    return {field: record.value for field, record in records.get(key, {}).items() if record.alive(now)}


class _Timeline:
    """The statement of levels 3 and 4: records with expiry times, backups of what was live, restores."""

    def __init__(self) -> None:
        self.records: _Records = {}
        self.gone: dict[tuple[str, str], str] = {}
        self.never_set = "it was never set"
        self.keys: set[str] = set()
        self.seen: set[tuple[str, str]] = set()
        self.backups: list[tuple[int, _Snapshot]] = []
        self.writes: list[tuple[int, str, str, str | None]] = []  # (time, key, field, value; None for a delete)
        self.restored: dict[int, int] = {}  # a backup's time -> the time of the latest restore that brought it back

    def find(self, key: str, field: str, now: int) -> _Record | None:
        found = self.records.get(key, {}).get(field)
        return found if found is not None and found.alive(now) else None

    def live(self, key: str, now: int) -> dict[str, str]:
        return _live(self.records, key, now)

    def why(self, key: str, field: str, now: int) -> str:
        found = self.records.get(key, {}).get(field)
        if found is None:
            return self.gone.get((key, field), self.never_set)
        if not found.alive(now):
            exclusive = " (the end is exclusive)" if now == found.expires else ""
            return (f"{found.origin}, so it expired at {found.expires}{exclusive}, and an expired field behaves as "
                    "if it were not there")
        return f"{found.origin}, so it is live at {now} with the value {found.value!r}" + (
            EMPTY if found.value == "" else "")

    def set(self, key: str, field: str, value: str, now: int, ttl: int | None = None) -> None:
        old = self.records.get(key, {}).get(field)
        if ttl is None:
            origin = f"it was set at {now} without a TTL"
            if old is not None and old.expires is not None:
                origin += f" (the field it replaced had an expiry at {old.expires}: set_at clears the TTL)"
        else:
            origin = f"it was set at {now} with ttl {ttl} (visible for {now} <= t < {now + ttl})"
            if old is not None and old.expires is not None and old.expires != now + ttl:
                origin += f" (replacing the expiry at {old.expires})"
        self.records.setdefault(key, {})[field] = _Record(value, None if ttl is None else now + ttl, origin)
        self.gone.pop((key, field), None)
        self.keys.add(key)
        self.seen.add((key, field))
        self.writes.append((now, key, field, value))

    def delete(self, key: str, field: str, now: int) -> bool:
        if self.find(key, field, now) is None:
            return False
        del self.records[key][field]
        self.gone[(key, field)] = f"it was deleted at {now}"
        self.writes.append((now, key, field, None))
        return True

    def backup(self, now: int) -> _Snapshot:
        snapshot: _Snapshot = {}
        for key in sorted(self.records):
            for field, record in self.records[key].items():
                if record.alive(now):
                    remaining = None if record.expires is None else record.expires - now
                    snapshot.setdefault(key, {})[field] = (record.value, remaining)
        self.backups.append((now, snapshot))
        return snapshot

    def latest_backup(self, to_restore: int) -> tuple[int, _Snapshot] | None:
        qualifying = [backup for backup in self.backups if backup[0] <= to_restore]
        return qualifying[-1] if qualifying else None

    @staticmethod
    def rebased(snapshot: _Snapshot, now: int, taken_at: int) -> _Records:
        records: _Records = {}
        for key, fields_ in snapshot.items():
            for field, (value, remaining) in fields_.items():
                origin = f"the restore at {now} brought it back from the backup taken at {taken_at}, "
                if remaining is None:
                    record = _Record(value, None, origin + "without a TTL")
                else:
                    record = _Record(value, now + remaining, origin + f"with {remaining} time units left "
                                                                      f"(visible for t < {now + remaining})")
                records.setdefault(key, {})[field] = record
        return records

    def restore(self, now: int, to_restore: int, taken_at: int, snapshot: _Snapshot) -> None:
        self.records = self.rebased(snapshot, now, taken_at)
        self.keys |= set(snapshot)
        self.gone = {}
        self.never_set = (f"the restore at {now} brought back the backup taken at {taken_at} "
                          f"(the latest at or before {to_restore}), which did not hold it")
        self.restored[taken_at] = now


class _Session:
    """A store driven through the timestamped operations beside a _Timeline; every check explains itself."""

    def __init__(self) -> None:
        self.script = Script()
        self.store = _new_store(self.script)
        self.model = _Timeline()

    def set_at(self, key: str, field: str, value: str, now: int) -> None:
        _run(self.script, self.store, "set_at", key, field, value, now,
             rule=f"set_at stores {value!r} and returns None.")
        self.model.set(key, field, value, now)

    def set_at_with_ttl(self, key: str, field: str, value: str, now: int, ttl: int) -> None:
        _run(self.script, self.store, "set_at_with_ttl", key, field, value, now, ttl,
             rule=f"set_at_with_ttl stores {value!r}, visible for {now} <= t < {now + ttl}, and returns None.")
        self.model.set(key, field, value, now, ttl)

    def get_at(self, key: str, field: str, now: int) -> None:
        found = self.model.find(key, field, now)
        _ask(self.script, self.store, "get_at", key, field, now, expected=None if found is None else found.value,
             why=self.model.why(key, field, now))

    def delete_at(self, key: str, field: str, now: int) -> None:
        why = self.model.why(key, field, now)  # before the model deletes it
        _ask(self.script, self.store, "delete_at", key, field, now, expected=self.model.delete(key, field, now),
             why=why)

    def scan(self, key: str, prefix: str, now: int) -> None:
        """scan_at for the empty prefix, scan_by_prefix_at for the others."""
        method, args = ("scan_by_prefix_at", (key, prefix, now)) if prefix else ("scan_at", (key, now))
        _ask_scan(self.script, self.store, method, *args, expected=_listing(self.model.live(key, now), prefix),
                  why=lambda field: self.model.why(key, field, now) + (
                      "" if field.startswith(prefix) else f", and it does not start with {prefix!r}"))

    # -- level 4 ---------------------------------------------------------------------------------------

    def backup(self, now: int) -> None:
        model = self.model
        before = {key: len(model.live(key, now)) for key in model.keys}
        stored = sum(1 for key in model.records if model.records[key])
        snapshot = model.backup(now)
        expected = len(snapshot)
        census = self.census(now)
        got = _run(self.script, self.store, "backup", now,
                   rule=f"expected {expected}, the number of keys holding at least one live field at {now}. {census}")
        if same(got, expected):
            return
        # What else the code may have counted: give the reason only when the number says which.
        counts = [
            (sum(before.values()), f"{short(got)} is the number of live fields: each key counts once, however many "
                                   "live fields it holds."),
            (stored, f"{short(got)} also counts keys whose fields all expired: only live fields count."),
            (len(model.keys), f"{short(got)} also counts keys whose fields all expired or were deleted: only live "
                              "fields count."),
            (sum(1 for key in snapshot if any(value != "" for value, _ in snapshot[key].values())),
             f"{short(got)} leaves out the keys whose live fields hold only the empty string, a value like any other."),
        ]
        matches = [text for count, text in counts if count != expected and same(got, count)]
        self.script.fail(f"backup({now}) returned {short(got)}; expected {expected}, the number of keys holding at "
                         f"least one live field at {now}. {census}" + (f" {matches[0]}" if len(matches) == 1 else ""),
                         got=got)

    def census(self, now: int) -> str:
        """For each key ever set, whether it holds a live field at `now`, and why."""
        lines = []
        for key in sorted(self.model.keys):
            live = sorted(self.model.live(key, now))
            if live:
                lines.append(f"{key!r} counts: " + "; ".join(
                    f"{field!r} is live ({self.model.why(key, field, now)})" for field in live) + ".")
                continue
            fields_ = sorted(field for k, field in self.model.seen if k == key)
            reasons = "; ".join(f"{field!r}: {self.model.why(key, field, now)}" for field in fields_)
            lines.append(f"{key!r} does not count: {reasons}.")
        return " ".join(lines) or "No key was ever set."

    def restore(self, now: int, to_restore: int) -> int:
        """restore(now, to_restore), then a scan_at of every key at now + 1, now + 2, ...; the last time used."""
        call = f"restore({now}, {to_restore})"
        found = self.model.latest_backup(to_restore)
        taken = [taken_at for taken_at, _ in self.model.backups]
        rule = (f"no backup was taken at or before {to_restore} (backups so far: {taken}), so it must raise ValueError."
                if found is None else f"it must bring back the backup taken at {found[0]}, the latest taken at or "
                                      f"before {to_restore} (backups so far: {taken}).")
        try:
            self.script.call(self.store, "restore", now, to_restore)
            raised = False
        except UserCodeRaised as exc:
            if isinstance(exc.original, NotImplementedError):
                raise
            if not isinstance(exc.original, ValueError):
                raise PropertyFailed(f"{exc.message}; {rule}", exc.script, exc.replay) from None
            raised = True
        if found is None:
            if not raised:
                self.script.fail(f"{call} returned, but {rule}", show_got=False)
            return now
        taken_at, snapshot = found
        if raised:
            exactly = f": a backup taken exactly at {to_restore} counts" if taken_at == to_restore else ""
            self.script.fail(f"{call} raised ValueError, but the backup taken at {taken_at} qualifies{exactly} "
                             f"(backups so far: {taken}).", show_got=False)
        self.script.note(f"brings back the backup taken at {taken_at}")
        before, restored_before = self.model.records, self.model.restored.get(taken_at)
        self.model.restore(now, to_restore, taken_at, snapshot)
        return self.check_restored(call, now, to_restore, taken_at, snapshot, before, restored_before)

    def check_restored(self, call: str, now: int, to_restore: int, taken_at: int, snapshot: _Snapshot,
                       before: _Records, restored_before: int | None) -> int:
        """Read every key right after a restore; if the state is not the backup's, say what it is instead."""
        read_at = {key: now + 1 + index for index, key in enumerate(sorted(self.model.keys))}
        with self.script.quietly():
            observed = {}
            for key, at in read_at.items():
                observed[key] = _run(self.script, self.store, "scan_at", key, at,
                                     rule=f"expected {short(_listing(self.model.live(key, at)))}: right after {call}, "
                                          f"the store holds what the backup taken at {taken_at} held.")
            restore = _Restored(self.model, observed, read_at, now, to_restore, taken_at, snapshot, before,
                                restored_before)
            if not restore.matches(self.model.records):
                reads = ", ".join(f"scan_at({key!r}, {at}) returned {short(observed[key])}"
                                  for key, at in read_at.items())
                expected = restore.state(self.model.records)
                wanted = ", ".join(f"{key!r}: {expected[key]!r}" for key in read_at)
                self.script.fail(f"After {call}, {reads}; expected {wanted}, as the backup taken at {taken_at} (the "
                                 f"latest at or before {to_restore}) held it. {restore.advice()}", show_got=False)
        return max(read_at.values(), default=now)


@dataclass
class _Restored:
    """What the store read right after a restore, against what it may hold instead when restore is wrong."""

    model: _Timeline
    observed: dict[str, object]
    read_at: dict[str, int]
    now: int
    to_restore: int
    taken_at: int
    snapshot: _Snapshot
    before: _Records
    restored_before: int | None

    def state(self, records: _Records) -> dict[str, list[str]]:
        return {key: _listing(_live(records, key, at)) for key, at in self.read_at.items()}

    def matches(self, records: _Records) -> bool:
        return all(same(self.observed[key], listing) for key, listing in self.state(records).items())

    def advice(self) -> str:
        """Say what the observed state is, when it is a recognisable wrong one; a cause only where it is implied."""
        model, taken_at, now = self.model, self.taken_at, self.now
        merged = {key: {**self.before.get(key, {}), **model.records.get(key, {})}
                  for key in set(self.before) | set(model.records)}
        merge = "a restore replaces the whole state with the backup's, it does not write the backup over the live state"
        with_ttl = {(key, field) for key, fields_ in self.snapshot.items()
                    for field, (_, left) in fields_.items() if left is not None}
        unshifted = {key: {field: (value, None if left is None else taken_at + left - now)
                           for field, (value, left) in fields_.items()} for key, fields_ in self.snapshot.items()}
        rebase = (f"each field with a TTL must keep the lifetime it had left at the backup ({taken_at}), counted again "
                  f"from the restore at {now}")
        # First of all: did the restore change anything?
        if self.matches(self.before):
            # The same reads could also come from a restore that did run, when the backup's fields were all live
            # before it: say so, but after what was observed.
            also = []
            if self.matches(merged):
                also.append(f"if it wrote the backup over the live state ({merge})")
            if with_ttl and self.matches(model.rebased(unshifted, now, taken_at)):
                also.append(f"if it gave the fields back their old expiry times ({rebase})")
            return self.unchanged() + (f" A restore that did run would read the same {' or '.join(also)}."
                                       if also else "")
        for other_at, other in model.backups:
            if other_at != taken_at and self.matches(model.rebased(other, now, other_at)):
                return self.other_backup(other_at)
        if self.matches(merged):
            return f"The fields live before the restore are still there beside the backup's: {merge}."
        if with_ttl and self.matches(model.rebased(unshifted, now, taken_at)):
            return f"The restored fields with a TTL kept the expiry time they had before the backup: {rebase}."
        expected = self.state(model.records)
        differ = sorted((key, field) for key in self.read_at
                        for field in set(_entries(self.observed[key])) | set(_entries(expected[key]))
                        if _entries(self.observed[key]).get(field) != _entries(expected[key]).get(field))
        if differ and set(differ) <= with_ttl:
            key, field = differ[0]
            return (f"Only fields that had a TTL at the backup differ: each keeps the lifetime it had left at the "
                    f"backup ({taken_at}), counted again from the restore at {now}. Field {field!r} of {key!r}: "
                    f"{model.why(key, field, self.read_at[key])}.")
        for key, field in differ:
            entry = _entries(self.observed[key]).get(field)
            late = [at for at, k, f, value in model.writes
                    if at > taken_at and (k, f) == (key, field) and value is not None and entry == f"{f}({value})"]
            if late:
                return (f"{entry!r} was written to {key!r} at {late[-1]}, after the backup taken at {taken_at}, yet "
                        "the restore brought it back: a backup must be a copy of every key's fields (not of the dict "
                        "of keys only), and a restore must copy it again, so that no later write reaches it.")
        key = next(key for key in self.read_at if not same(self.observed[key], expected[key]))
        return _scan_advice(lambda field: model.why(key, field, self.read_at[key]), self.observed[key],
                            expected[key]).strip()

    def unchanged(self) -> str:
        advice = f"The restore {CHANGED_NOTHING}: every key reads as it did before it."
        since = self.taken_at if self.restored_before is None else self.restored_before
        wrote = sorted({key for at, key, _, _ in self.model.writes if at > since and key in self.snapshot})
        outside = [key for key in self.before if _live(self.before, key, self.now) and key not in self.snapshot]
        if wrote and self.restored_before is not None:
            advice += (f" Yet the restore at {self.restored_before} brought back this same backup, and {wrote[0]!r} "
                       "was written since: if this restore did run, those writes reached the backup itself. A "
                       "restore must copy the backup into the live store, never hand it the backup's own dicts.")
        elif wrote and not outside:
            advice += (f" If it did run, the writes to {wrote[0]!r} after the backup reached the backup itself: a "
                       "backup must copy every key's fields, not only the dict of keys.")
        return advice

    def other_backup(self, other_at: int) -> str:
        advice = f"That is what the backup taken at {other_at} held, not the one taken at {self.taken_at}."
        if other_at > self.taken_at:
            return advice + f" Only backups taken at or before {self.to_restore} qualify."
        brought_back = self.model.restored.get(other_at)
        if brought_back is not None and brought_back < self.now and self.taken_at < brought_back:
            return advice + (f" The backup taken at {self.taken_at} is still there after the restore at {brought_back} "
                             f"brought back the one taken at {other_at}: a restore deletes no backup, later ones "
                             "included.")
        if self.taken_at == self.to_restore:
            return advice + f" A backup taken exactly at {self.to_restore} counts."
        return advice + f" Restore the latest backup taken at or before {self.to_restore}, not an earlier one."


# ---------------------------------------------------------------------------------------------
# Level 3: timestamps and TTL


class TimedStoreMatchesModel(RuleBasedStateMachine):
    """The user's store against a _Timeline, through the _at operations.

    Every call happens one time unit after the previous one; `time_passes` adds a longer pause.
    """

    @initialize()
    def new_store(self):
        self.session = _Session()
        self.now = 0

    def tick(self) -> int:
        self.now += 1
        return self.now

    @rule(pause=PAUSES)
    def time_passes(self, pause):
        self.now += pause

    @rule(key=keys, field=fields, value=values)
    def set_at(self, key, field, value):
        self.session.set_at(key, field, value, self.tick())

    @rule(key=keys, field=fields, value=values, ttl=TTLS)
    def set_at_with_ttl(self, key, field, value, ttl):
        self.session.set_at_with_ttl(key, field, value, self.tick(), ttl)

    @rule(key=keys, field=fields)
    def get_at(self, key, field):
        self.session.get_at(key, field, self.tick())

    @rule(key=keys, field=fields)
    def delete_at(self, key, field):
        self.session.delete_at(key, field, self.tick())

    @rule(key=keys, prefix=prefixes)
    def scan(self, key, prefix):
        self.session.scan(key, prefix, self.tick())

    @precondition(lambda self: self.session.model.seen)
    @rule(data=st.data())
    def get_a_field_set_before(self, data):
        # Most random reads miss; a read of a field that was set, live or just expired, must come up often.
        self.get_at(*data.draw(st.sampled_from(sorted(self.session.model.seen)), label="key, field"))


# Runs that decide the rules of level 3 (times in comments: each call is one unit after the previous one).
DECIDING_RUNS_OF_LEVEL_3 = [
    # The empty string is a value: stored at 1 without a TTL and at 3 with one.
    [("new_store",), ("set_at", "k1", "a", ""), ("get_at", "k1", "a"), ("set_at_with_ttl", "k1", "b", "", 3),
     ("scan", "k1", ""), ("get_at", "k1", "b"), ("delete_at", "k1", "a"), ("scan", "k1", "a")],
    # Keys and fields never set read as missing, and a deleted field is gone.
    [("new_store",), ("get_at", "k1", "a"), ("delete_at", "k1", "a"), ("scan", "k1", ""), ("scan", "k1", "a"),
     ("set_at", "k2", "a", "1"), ("get_at", "k1", "a"), ("scan", "k1", ""), ("delete_at", "k2", "a"),
     ("delete_at", "k2", "a"), ("scan", "k2", "")],
    # The end of a TTL is exclusive: set at 1 with ttl 2, live at 2, gone at 3; set at 4 with ttl 1, gone at 5.
    [("new_store",), ("set_at_with_ttl", "k1", "a", "1", 2), ("get_at", "k1", "a"), ("get_at", "k1", "a"),
     ("set_at_with_ttl", "k1", "b", "2", 1), ("scan", "k1", "")],
    # A set replaces the expiry too: set_at clears a TTL, a second TTL replaces the first, a TTL replaces none.
    [("new_store",), ("set_at_with_ttl", "k1", "a", "1", 2), ("set_at", "k1", "a", "2"), ("get_at", "k1", "a"),
     ("set_at_with_ttl", "k1", "b", "1", 2), ("set_at_with_ttl", "k1", "b", "2", 5), ("time_passes", 2),
     ("get_at", "k1", "b"), ("set_at", "k2", "a", "1"), ("set_at_with_ttl", "k2", "a", "2", 1),
     ("get_at", "k2", "a")],
    # An expired field cannot be deleted, read or scanned.
    [("new_store",), ("set_at_with_ttl", "k1", "a", "1", 1), ("delete_at", "k1", "a"), ("get_at", "k1", "a"),
     ("scan", "k1", "")],
    # Scans: sorted by field, by prefix, through the _at operations.
    [("new_store",), ("set_at", "k1", "b", "1"), ("set_at", "k1", "ab", ""), ("set_at", "k1", "a!", "2"),
     ("set_at_with_ttl", "k1", "a", "ü", 6), ("scan", "k1", ""), ("scan", "k1", "a"), ("scan", "k1", "b"),
     ("scan", "k2", "")],
]


@scored(points=9, level=3)
def test_timestamped_operations_agree_with_a_model():
    run_model_test(TimedStoreMatchesModel, DECIDING_RUNS_OF_LEVEL_3, MACHINE_SETTINGS)


@scored(points=6, level=3)
def test_a_field_expires_exactly_at_timestamp_plus_ttl():
    for ttl in range(1, 5):
        session = _Session()
        session.set_at_with_ttl("k", "f", "" if ttl % 2 == 0 else "v", 10, ttl)
        for now in range(11, 12 + ttl):
            session.get_at("k", "f", now)


@scored(points=5, level=3)
def test_setting_a_field_again_replaces_its_value_and_ttl():
    session = _Session()
    session.set_at_with_ttl("k", "f", "old", 1, 5)
    session.set_at("k", "f", "new", 2)
    session.get_at("k", "f", 100)

    session = _Session()
    session.set_at_with_ttl("k", "f", "old", 1, 5)
    session.set_at_with_ttl("k", "f", "", 3, 10)
    session.get_at("k", "f", 8)
    session.get_at("k", "f", 13)

    session = _Session()
    session.set_at("k", "f", "old", 1)
    session.set_at_with_ttl("k", "f", "new", 2, 3)
    session.get_at("k", "f", 5)

    session = _Session()
    session.set_at_with_ttl("k", "f", "old", 1, 2)
    session.set_at("k", "f", "new", 5)
    session.get_at("k", "f", 6)


@scored(points=5, level=3)
def test_an_expired_field_is_absent_everywhere():
    session = _Session()
    session.set_at_with_ttl("k", "temp", "1", 1, 2)
    session.set_at("k", "keep", "", 2)
    session.set_at_with_ttl("only", "temp", "3", 3, 1)
    session.get_at("k", "temp", 5)
    session.scan("k", "", 6)
    session.scan("k", "t", 7)
    session.scan("only", "", 8)
    session.delete_at("k", "temp", 9)
    session.delete_at("only", "temp", 10)
    session.get_at("k", "keep", 11)


# ---------------------------------------------------------------------------------------------
# Level 4: backup and restore


class BackupsMatchModel(TimedStoreMatchesModel):
    """Level 3's machine, with backups (live fields and their remaining lifetimes) and restores.

    Right after each restore, every key is scanned, so that a wrong restore shows at the restore that made it.
    """

    @rule()
    def backup(self):
        self.session.backup(self.tick())

    @rule(back=st.integers(0, 12))
    def restore(self, back):
        now = self.tick()
        self.now = self.session.restore(now, max(now - back, 0))

    @precondition(lambda self: self.session.model.backups)
    @rule(data=st.data())
    def restore_a_backup(self, data):
        # Random times mostly fall between backups; the time of a backup itself, or just after it, decides which
        # backup counts, so they must come up often.
        taken_at = data.draw(st.sampled_from([at for at, _ in self.session.model.backups]), label="backup")
        self.restore(self.now + 1 - taken_at - data.draw(st.sampled_from([0, 1]), label="after"))


DECIDING_RUNS_OF_LEVEL_4 = DECIDING_RUNS_OF_LEVEL_3 + [
    # backup counts keys with a live field: k1's only field expired at 2, k2's only field holds '' (at 3); then
    # two keys with three live fields (at 6).
    [("new_store",), ("set_at_with_ttl", "k1", "a", "1", 1), ("set_at", "k2", "a", ""), ("backup",),
     ("set_at", "k2", "b", "2"), ("set_at", "k1", "b", "3"), ("backup",)],
    # A restore replaces the whole state with a copy of the backup: backup at 2, writes to the backed-up key k1
    # and to the new key k2, restore at 6 to time 3 (scans at 7 and 8).
    [("new_store",), ("set_at", "k1", "a", "1"), ("backup",), ("set_at", "k1", "a", "2"), ("set_at", "k1", "b", "3"),
     ("set_at", "k2", "a", "4"), ("restore", 3)],
    # A restored state is a copy too: restore at 3 to 2 (scan at 4), writes at 5 and 6, restore at 7 to 3.
    [("new_store",), ("set_at", "k1", "a", "1"), ("backup",), ("restore", 1), ("set_at", "k1", "a", "2"),
     ("set_at", "k1", "b", "3"), ("restore", 4)],
    # The latest backup at or before the time: backups at 2 and 4; restore at 6 to 4 (scan at 7), at 8 to 3
    # (scan at 9), a write at 10, restore at 11 to 5: the backup at 4 survived the restore of the one at 2.
    [("new_store",), ("set_at", "k1", "a", "1"), ("backup",), ("set_at", "k1", "a", "2"), ("backup",),
     ("set_at", "k1", "a", "3"), ("restore", 2), ("restore", 5), ("set_at", "k1", "a", "9"), ("restore", 6)],
    # No backup at or before the time: ValueError, at 1 with no backup, and at 4 to 2 with the only backup at 3.
    [("new_store",), ("restore", 0), ("set_at", "k1", "a", "1"), ("backup",), ("restore", 2)],
    # A field keeps the lifetime it had left: set at 1 with ttl 6 (expires at 7), backup at 3 (4 left), a write
    # at 4, restore at 11 to 10 (scans at 12 and 13): live at 14, gone at 15 and 16.
    [("new_store",), ("set_at_with_ttl", "k1", "a", "1", 6), ("set_at", "k1", "b", "2"), ("backup",),
     ("set_at", "k2", "a", "1"), ("time_passes", 6), ("restore", 1), ("get_at", "k1", "a"), ("get_at", "k1", "a"),
     ("get_at", "k1", "a")],
]


@scored(points=8, level=4)
def test_backups_and_restores_agree_with_a_model():
    run_model_test(BackupsMatchModel, DECIDING_RUNS_OF_LEVEL_4, MACHINE_SETTINGS)


@scored(points=4, level=4)
def test_backup_counts_keys_with_a_live_field():
    session = _Session()
    session.set_at("live", "f", "", 1)
    session.set_at_with_ttl("expired", "f", "2", 2, 3)
    session.set_at_with_ttl("lapsed", "f", "x", 3, 1)
    session.set_at("deleted", "f", "3", 4)
    session.delete_at("deleted", "f", 5)
    session.set_at_with_ttl("mixed", "gone", "4", 6, 1)
    session.set_at("mixed", "stays", "5", 7)
    session.set_at("pair", "x", "6", 8)
    session.set_at("pair", "y", "", 9)
    session.backup(10)


@scored(points=4, level=4)
def test_restore_brings_back_the_latest_backup_at_or_before_the_time():
    session = _Session()
    for taken_at, value in ((10, "a"), (20, ""), (30, "c")):
        session.set_at("era", "f", str(taken_at), taken_at - 2)  # so that no two backups read alike
        session.set_at(f"v{taken_at}", "f", value, taken_at - 1)  # so that a restore shows which backups it kept
        session.backup(taken_at)
    for now, to_restore in ((40, 25), (50, 35), (60, 10), (70, 20)):  # each restore changes the state
        session.restore(now, to_restore)


@scored(points=3, level=4)
def test_restore_raises_value_error_when_no_backup_qualifies():
    session = _Session()
    session.set_at("k", "f", "v", 1)
    session.restore(2, 2)
    session.backup(10)
    session.restore(11, 9)


@scored(points=4, level=4)
def test_a_restored_field_keeps_its_remaining_lifetime():
    session = _Session()
    session.set_at_with_ttl("k", "f", "v", 10, 10)
    session.set_at("k", "forever", "", 11)
    session.backup(15)
    session.set_at("later", "f", "x", 16)  # tells a restore that did nothing from one that did
    session.restore(100, 15)
    session.get_at("k", "f", 104)
    session.get_at("k", "f", 105)
    session.get_at("k", "forever", 1000)


@scored(points=3, level=4)
def test_backups_do_not_share_state_with_the_live_store():
    session = _Session()
    session.set_at("k", "f", "before", 1)
    session.backup(2)
    session.set_at("k", "f", "after", 3)
    session.set_at("k", "g", "", 4)
    session.set_at("new", "f", "n", 5)
    session.restore(6, 3)
    session.set_at("k", "f", "changed", 9)
    session.set_at("k", "h", "x", 10)
    session.restore(11, 5)


@scored(points=2, level=4)
def test_restore_replaces_the_whole_state():
    session = _Session()
    session.set_at("k", "f", "1", 1)
    session.set_at("k", "old", "", 2)
    session.backup(3)
    session.set_at("k", "f", "changed", 4)
    session.set_at("k", "g", "2", 5)
    session.set_at("new", "f", "3", 6)
    session.restore(8, 7)
    session.backup(11)


@scored(points=2, level=4)
def test_backups_survive_a_restore():
    session = _Session()
    session.set_at("k", "f", "first", 1)
    session.backup(2)
    session.set_at("k", "f", "second", 3)
    session.set_at("new", "f", "", 4)
    session.backup(5)
    session.restore(6, 4)  # the backup taken at 2
    session.set_at("k", "f", "third", 9)
    session.restore(10, 6)  # the backup taken at 5, still there
