"""Hidden tests for the kvstore kata: a progressive round in four levels, each gated on the ones before.

Each level has one stateful machine against a small model (the backbone) and a few exhaustive
tests aimed at the classic mistakes, so the report names the rule that was broken.
"""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test

from grader.harness import STATEFUL_SETTINGS, Script, UserCodeRaised, same, scored, solution

KEYS = st.sampled_from(["k1", "k2"])
FIELDS = st.sampled_from(["a", "ab", "b", "é"])
VALUES = st.sampled_from(["1", "2", "", "ü"])
PREFIXES = st.sampled_from(["", "a", "ab", "b", "c"])
TTLS = st.integers(1, 6)
PAUSES = st.integers(1, 6)
MACHINE_SETTINGS = settings(STATEFUL_SETTINGS, max_examples=25)


def _new_store(script: Script):
    return script.new("store", solution().KVStore)


def _listing(fields: dict[str, str], prefix: str = "") -> list[str]:
    return [f"{field}({fields[field]})" for field in sorted(fields) if field.startswith(prefix)]


def _fields_listed(listing) -> set[str]:
    if not isinstance(listing, list):
        return set()
    return {entry.split("(", 1)[0] for entry in listing if isinstance(entry, str)}


def _scan_advice(why, got, expected) -> str:
    """Say, field by field, why the entries that differ should or should not be listed."""
    odd = sorted(_fields_listed(got) ^ _fields_listed(expected))
    if odd:
        return " " + " ".join(f"Field {field!r}: {why(field)}." for field in odd)
    return (" Each entry is 'field(value)' with the field's current value, one per field, sorted by field, "
            "in a list.")


def _raises_value_error(script: Script, store, method: str, *args) -> bool:
    """Call a method that may legitimately raise ValueError; any other exception is the user's failure."""
    try:
        script.call(store, method, *args)
    except UserCodeRaised as exc:
        if isinstance(exc.original, ValueError):
            return True
        raise
    return False


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
            return f"the last set of {field!r} in {key!r} stored {self.model[key][field]!r}"
        if (key, field) in self.deleted:
            return f"{field!r} was deleted from {key!r}"
        return f"{field!r} was never set in {key!r} (a field set under another key does not count)"

    @rule(key=KEYS, field=FIELDS, value=VALUES)
    def set(self, key, field, value):
        self.script.call(self.store, "set", key, field, value)
        self.model.setdefault(key, {})[field] = value
        self.deleted.discard((key, field))

    @rule(key=KEYS, field=FIELDS)
    def get(self, key, field):
        got = self.script.call(self.store, "get", key, field)
        self.script.expect(got, self.model.get(key, {}).get(field),
                           f"get({key!r}, {field!r}) returned {{got}}; expected {{expected}}: {self.why(key, field)}.")

    @rule(key=KEYS, field=FIELDS)
    def delete(self, key, field):
        got = self.script.call(self.store, "delete", key, field)
        expected = field in self.model.get(key, {})
        self.script.expect(got, expected, f"delete({key!r}, {field!r}) returned {{got}}; expected {{expected}}: "
                                          f"{self.why(key, field)}.")
        if expected:
            del self.model[key][field]
            self.deleted.add((key, field))


@scored(points=16, level=1)
def test_store_agrees_with_a_dict_of_dicts_under_random_operations():
    run_state_machine_as_test(StoreMatchesDictOfDicts, settings=MACHINE_SETTINGS)


@scored(points=8, level=1)
def test_get_returns_the_last_value_set():
    script = Script()
    store = _new_store(script)
    for value in ("1", "22", "", "ünïcødé", "a(b)"):
        script.call(store, "set", "user", "name", value)
        script.expect(script.call(store, "get", "user", "name"), value,
                      "get returned {got} right after set stored {expected}: set replaces the previous value"
                      + (", and an empty string is a value like any other, not a missing field." if not value else "."))


@scored(points=6, level=1)
def test_a_missing_key_or_field_reads_as_none():
    script = Script()
    store = _new_store(script)
    script.expect(script.call(store, "get", "user", "name"), None,
                  "get on an empty store returned {got}; a key that was never set reads as None.")
    script.call(store, "set", "user", "name", "Ada")
    script.expect(script.call(store, "get", "user", "email"), None,
                  "get of a field never set on an existing key returned {got}, expected None.")
    script.expect(script.call(store, "get", "team", "name"), None,
                  "get('team', 'name') returned {got}: the field 'name' was set under 'user', not 'team'.")


@scored(points=10, level=1)
def test_delete_reports_whether_the_field_existed():
    script = Script()
    store = _new_store(script)
    script.expect(script.call(store, "delete", "user", "name"), False,
                  "delete on an empty store returned {got}: there was nothing to delete, so it must return False.")
    script.call(store, "set", "user", "name", "Ada")
    script.expect(script.call(store, "delete", "user", "email"), False,
                  "delete of a field that was never set returned {got}; expected False.")
    script.expect(script.call(store, "delete", "user", "name"), True,
                  "delete of a field that is set returned {got}; expected True.")
    script.expect(script.call(store, "get", "user", "name"), None,
                  "get returned {got} after the field was deleted; expected None.")
    script.expect(script.call(store, "delete", "user", "name"), False,
                  "Deleting the same field a second time returned {got}: it was already gone, so False.")


@scored(points=6, level=1)
def test_keys_keep_their_fields_apart():
    script = Script()
    store = _new_store(script)
    script.call(store, "set", "ada", "lang", "en")
    script.call(store, "set", "bob", "lang", "fr")
    script.expect(script.call(store, "get", "ada", "lang"), "en",
                  "get('ada', 'lang') returned {got}: the same field under another key is another record.")
    script.call(store, "delete", "bob", "lang")
    script.expect(script.call(store, "get", "ada", "lang"), "en",
                  "get('ada', 'lang') returned {got} after delete('bob', 'lang'): deleting a field of one key "
                  "must leave the other keys alone.")


# ---------------------------------------------------------------------------------------------
# Level 2: scans


class ScansMatchModel(StoreMatchesDictOfDicts):
    """Level 1's machine, with scans: every scan must list the model's fields, sorted by field."""

    @rule(key=KEYS)
    def scan(self, key):
        got = self.script.call(self.store, "scan", key)
        expected = _listing(self.model.get(key, {}))
        self.script.expect(got, expected, f"scan({key!r}) returned {{got}}; expected {{expected}}."
                           + _scan_advice(lambda field: self.why(key, field), got, expected))

    @rule(key=KEYS, prefix=PREFIXES)
    def scan_by_prefix(self, key, prefix):
        got = self.script.call(self.store, "scan_by_prefix", key, prefix)
        expected = _listing(self.model.get(key, {}), prefix)
        self.script.expect(got, expected, f"scan_by_prefix({key!r}, {prefix!r}) returned {{got}}; expected "
                           f"{{expected}}." + _scan_advice(lambda field: self.why(key, field) + (
                               "" if field.startswith(prefix) else f", and it does not start with {prefix!r}"),
                               got, expected))


@scored(points=12, level=2)
def test_scans_agree_with_a_model_under_random_operations():
    run_state_machine_as_test(ScansMatchModel, settings=MACHINE_SETTINGS)


@scored(points=8, level=2)
def test_scan_lists_every_field_sorted_by_field():
    fields = {"city": "Paris", "age": "36", "name": "Ada", "email": "ada@example.com"}
    for order in (["city", "age", "name", "email"], ["name", "email", "city", "age"]):
        script = Script()
        store = _new_store(script)
        for field in order:
            script.call(store, "set", "user", field, fields[field])
        script.expect(script.call(store, "scan", "user"), _listing(fields),
                      "scan returned {got}; expected {expected}: one 'field(value)' entry per field, sorted by "
                      "field whatever order the fields were set in.")


@scored(points=5, level=2)
def test_scan_sorts_by_field_not_by_the_formatted_entry():
    script = Script()
    store = _new_store(script)
    for field, value in (("a", "1"), ("a b", "2"), ("a!", "3")):
        script.call(store, "set", "k", field, value)
    script.expect(script.call(store, "scan", "k"), ["a(1)", "a b(2)", "a!(3)"],
                  "scan returned {got}; expected {expected}. Sort the fields, then format them: 'a' comes "
                  "before 'a b' because it is a prefix of it, but sorting the formatted strings compares "
                  "'(' with ' ' and puts 'a b(2)' first.")


@scored(points=8, level=2)
def test_scan_by_prefix_keeps_only_fields_that_start_with_the_prefix():
    fields = {"ab": "1", "ba": "2", "cab": "3", "a": "4", "abc": "5", "b": "6"}
    script = Script()
    store = _new_store(script)
    for field, value in fields.items():
        script.call(store, "set", "k", field, value)
    for prefix in ("a", "ab", "b", "abc", "abcd", "z", ""):
        expected = _listing(fields, prefix)
        script.expect(script.call(store, "scan_by_prefix", "k", prefix), expected,
                      f"scan_by_prefix('k', {prefix!r}) returned {{got}}; expected {{expected}}: the fields that "
                      f"start with {prefix!r} (a field equal to the prefix counts, one that merely contains it "
                      "does not, and the empty prefix matches every field), sorted by field.")


@scored(points=4, level=2)
def test_scans_of_a_missing_key_are_empty():
    script = Script()
    store = _new_store(script)
    script.expect(script.call(store, "scan", "ghost"), [], "scan of a key never set returned {got}; expected [].")
    script.expect(script.call(store, "scan_by_prefix", "ghost", "a"), [],
                  "scan_by_prefix of a key never set returned {got}; expected [].")
    script.call(store, "set", "user", "name", "Ada")
    script.call(store, "delete", "user", "name")
    script.expect(script.call(store, "scan", "user"), [],
                  "scan returned {got} for a key whose only field was deleted; expected [].")
    script.expect(script.call(store, "scan_by_prefix", "user", "n"), [],
                  "scan_by_prefix returned {got} for a key whose only field was deleted; expected [].")


# ---------------------------------------------------------------------------------------------
# Level 3: timestamps and TTL


@dataclass
class _Record:
    value: str
    expires: int | None
    origin: str
    """How the record got there, for messages: "it was set at 3 with ttl 2 (visible for 3 <= t < 5)"."""


class TimedStoreMatchesModel(RuleBasedStateMachine):
    """The user's store against a dict of dicts of records with expiry times, through the _at operations.

    Every call happens one time unit after the previous one; `time_passes` adds a longer pause.
    """

    @initialize()
    def new_store(self):
        self.script = Script()
        self.store = _new_store(self.script)
        self.now = 0
        self.model: dict[str, dict[str, _Record]] = {}
        self.gone: dict[tuple[str, str], str] = {}
        self.never_set = "it was never set"
        self.touched: set[tuple[str, str]] = set()

    def tick(self) -> int:
        self.now += 1
        return self.now

    def record(self, key: str, field: str) -> _Record | None:
        found = self.model.get(key, {}).get(field)
        return found if found is not None and (found.expires is None or self.now < found.expires) else None

    def live(self, key: str) -> dict[str, str]:
        return {field: self.model[key][field].value for field in self.model.get(key, {}) if self.record(key, field)}

    def why(self, key: str, field: str) -> str:
        found = self.model.get(key, {}).get(field)
        if found is None:
            return self.gone.get((key, field), self.never_set)
        if self.record(key, field) is None:
            return f"{found.origin}, so it expired at {found.expires}"
        return f"{found.origin}, so it is live at {self.now} with the value {found.value!r}"

    def store_record(self, key: str, field: str, record: _Record) -> None:
        self.model.setdefault(key, {})[field] = record
        self.gone.pop((key, field), None)
        self.touched.add((key, field))

    @rule(pause=PAUSES)
    def time_passes(self, pause):
        self.now += pause

    @rule(key=KEYS, field=FIELDS, value=VALUES)
    def set_at(self, key, field, value):
        now = self.tick()
        self.script.call(self.store, "set_at", key, field, value, now)
        self.store_record(key, field, _Record(value, None, f"it was set at {now} without a TTL"))

    @rule(key=KEYS, field=FIELDS, value=VALUES, ttl=TTLS)
    def set_at_with_ttl(self, key, field, value, ttl):
        now = self.tick()
        self.script.call(self.store, "set_at_with_ttl", key, field, value, now, ttl)
        self.store_record(key, field, _Record(
            value, now + ttl, f"it was set at {now} with ttl {ttl} (visible for {now} <= t < {now + ttl})"))

    @rule(key=KEYS, field=FIELDS)
    def get_at(self, key, field):
        now = self.tick()
        got = self.script.call(self.store, "get_at", key, field, now)
        found = self.record(key, field)
        self.script.expect(got, None if found is None else found.value,
                           f"get_at({key!r}, {field!r}, {now}) returned {{got}}; expected {{expected}}: "
                           f"{self.why(key, field)}.")

    @rule(key=KEYS, field=FIELDS)
    def delete_at(self, key, field):
        now = self.tick()
        got = self.script.call(self.store, "delete_at", key, field, now)
        expected = self.record(key, field) is not None
        self.script.expect(got, expected, f"delete_at({key!r}, {field!r}, {now}) returned {{got}}; expected "
                                          f"{{expected}}: {self.why(key, field)}.")
        if expected:
            del self.model[key][field]
            self.gone[(key, field)] = f"it was deleted at {now}"

    @rule(key=KEYS, prefix=PREFIXES)
    def scan(self, key, prefix):
        """scan_at for the empty prefix, scan_by_prefix_at for the others."""
        now = self.tick()
        if prefix:
            got = self.script.call(self.store, "scan_by_prefix_at", key, prefix, now)
            call = f"scan_by_prefix_at({key!r}, {prefix!r}, {now})"
        else:
            got = self.script.call(self.store, "scan_at", key, now)
            call = f"scan_at({key!r}, {now})"
        expected = _listing(self.live(key), prefix)
        self.script.expect(got, expected, f"{call} returned {{got}}; expected {{expected}}."
                           + _scan_advice(lambda field: self.why(key, field), got, expected))


@scored(points=14, level=3)
def test_timestamped_operations_agree_with_a_model():
    run_state_machine_as_test(TimedStoreMatchesModel, settings=MACHINE_SETTINGS)


@scored(points=8, level=3)
def test_a_field_expires_exactly_at_timestamp_plus_ttl():
    for ttl in range(1, 5):
        script = Script()
        store = _new_store(script)
        script.call(store, "set_at_with_ttl", "k", "f", "v", 10, ttl)
        for now in range(11, 12 + ttl):
            live = now < 10 + ttl
            script.expect(script.call(store, "get_at", "k", "f", now), "v" if live else None,
                          f"get_at at {now} returned {{got}} for a field set at 10 with ttl {ttl}; expected "
                          f"{{expected}}. The field is visible for 10 <= t < {10 + ttl}: "
                          + ("still live." if live else f"the end is exclusive, so it is gone from {10 + ttl} on."))


@scored(points=8, level=3)
def test_setting_a_field_again_replaces_its_value_and_ttl():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at_with_ttl", "k", "f", "old", 1, 5)
    script.call(store, "set_at", "k", "f", "new", 2)
    script.expect(script.call(store, "get_at", "k", "f", 100), "new",
                  "get_at at 100 returned {got}: the set_at at 2 replaced the field and cleared its TTL (set "
                  "at 1 to expire at 6), so it never expires.")

    script = Script()
    store = _new_store(script)
    script.call(store, "set_at_with_ttl", "k", "f", "old", 1, 5)
    script.call(store, "set_at_with_ttl", "k", "f", "new", 3, 10)
    script.expect(script.call(store, "get_at", "k", "f", 8), "new",
                  "get_at at 8 returned {got}: the second set_at_with_ttl (at 3, ttl 10) replaced the value and "
                  "the expiry, so the field lives until 13, not 6.")
    script.expect(script.call(store, "get_at", "k", "f", 13), None,
                  "get_at at 13 returned {got}: the field was last set at 3 with ttl 10, so it expired at 13.")

    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "k", "f", "old", 1)
    script.call(store, "set_at_with_ttl", "k", "f", "new", 2, 3)
    script.expect(script.call(store, "get_at", "k", "f", 5), None,
                  "get_at at 5 returned {got}: setting a field with ttl 3 at 2 gives it a TTL even if it had "
                  "none before, so it expired at 5.")

    script = Script()
    store = _new_store(script)
    script.call(store, "set_at_with_ttl", "k", "f", "old", 1, 2)
    script.call(store, "set_at", "k", "f", "new", 5)
    script.expect(script.call(store, "get_at", "k", "f", 6), "new",
                  "get_at at 6 returned {got}: the field expired at 3, then set_at at 5 stored it again, "
                  "without a TTL.")


@scored(points=9, level=3)
def test_an_expired_field_is_absent_everywhere():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at_with_ttl", "k", "temp", "1", 1, 2)
    script.call(store, "set_at", "k", "keep", "2", 2)
    script.call(store, "set_at_with_ttl", "only", "temp", "3", 3, 1)
    checks = [
        ("get_at", ("k", "temp", 5), None, "get_at of the expired field"),
        ("scan_at", ("k", 6), ["keep(2)"], "scan_at"),
        ("scan_by_prefix_at", ("k", "t", 7), [], "scan_by_prefix_at with a prefix only the expired field has"),
        ("scan_at", ("only", 8), [], "scan_at of a key whose only field expired"),
        ("delete_at", ("k", "temp", 9), False, "delete_at of the expired field"),
        ("delete_at", ("only", "temp", 10), False, "delete_at of the expired field"),
    ]
    for method, args, expected, what in checks:
        script.expect(script.call(store, method, *args), expected,
                      f"{what} returned {{got}}; expected {{expected}}. 'k'/'temp' was set at 1 with ttl 2 and "
                      "'only'/'temp' at 3 with ttl 1: an expired field behaves as if it were never set.")


# ---------------------------------------------------------------------------------------------
# Level 4: backup and restore


class BackupsMatchModel(TimedStoreMatchesModel):
    """Level 3's machine, with backups (live fields and their remaining lifetimes) and restores."""

    @initialize()
    def new_store(self):
        super().new_store()
        self.backups: list[tuple[int, dict[str, dict[str, tuple[str, int | None]]]]] = []

    @rule()
    def backup(self):
        now = self.tick()
        got = self.script.call(self.store, "backup", now)
        snapshot = {}
        for key in self.model:
            for field in self.live(key):
                record = self.model[key][field]
                remaining = None if record.expires is None else record.expires - now
                snapshot.setdefault(key, {})[field] = (record.value, remaining)
        self.backups.append((now, snapshot))
        if not same(got, len(snapshot)):
            self.script.fail(f"backup({now}) returned {got!r}; expected {len(snapshot)}, the number of keys holding "
                             f"at least one live field at {now}. {self.key_census()}", got=got)

    def key_census(self) -> str:
        """For each key ever set, whether it holds a live field now, and why."""
        lines = []
        for key in sorted({key for key, _ in self.touched}):
            live = sorted(self.live(key))
            if live:
                lines.append(f"{key!r} counts: its field {live[0]!r} is live ({self.why(key, live[0])}).")
                continue
            fields = sorted(field for k, field in self.touched if k == key)
            reasons = "; ".join(f"{field!r}: {self.why(key, field)}" for field in fields)
            lines.append(f"{key!r} does not count: {reasons}.")
        return " ".join(lines) or "No key was ever set."

    @rule(back=st.integers(0, 12))
    def restore(self, back):
        now = self.tick()
        to_restore = max(now - back, 0)
        raised = _raises_value_error(self.script, self.store, "restore", now, to_restore)
        qualifying = [backup for backup in self.backups if backup[0] <= to_restore]
        taken = [taken_at for taken_at, _ in self.backups]
        if not qualifying:
            if not raised:
                self.script.fail(f"restore({now}, {to_restore}) returned, but no backup was taken at or before "
                                 f"{to_restore} (backups so far: {taken}): it must raise ValueError.",
                                 show_got=False)
            return
        taken_at, snapshot = qualifying[-1]
        if raised:
            self.script.fail(f"restore({now}, {to_restore}) raised ValueError, but the backup taken at {taken_at} "
                             f"qualifies (backups so far: {taken}).", show_got=False)
        self.script.note(f"brings back the backup taken at {taken_at}")
        self.model = {}
        for key, fields in snapshot.items():
            for field, (value, remaining) in fields.items():
                origin = f"the restore at {now} brought it back from the backup taken at {taken_at}, "
                if remaining is None:
                    record = _Record(value, None, origin + "without a TTL")
                else:
                    record = _Record(value, now + remaining, origin + f"with {remaining} time units left "
                                                                      f"(visible for t < {now + remaining})")
                self.model.setdefault(key, {})[field] = record
        self.gone = {}
        self.never_set = (f"the restore at {now} brought back the backup taken at {taken_at} "
                          f"(the latest at or before {to_restore}), which did not hold it")


@scored(points=14, level=4)
def test_backups_and_restores_agree_with_a_model():
    run_state_machine_as_test(BackupsMatchModel, settings=MACHINE_SETTINGS)


@scored(points=6, level=4)
def test_backup_counts_keys_with_a_live_field():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "live", "f", "1", 1)
    script.call(store, "set_at_with_ttl", "expired", "f", "2", 2, 3)
    script.call(store, "set_at", "deleted", "f", "3", 3)
    script.call(store, "delete_at", "deleted", "f", 4)
    script.call(store, "set_at_with_ttl", "mixed", "gone", "4", 5, 1)
    script.call(store, "set_at", "mixed", "stays", "5", 6)
    script.expect(script.call(store, "backup", 10), 2,
                  "backup returned {got}; expected {expected}: only 'live' and 'mixed' hold a live field at 10. "
                  "'expired' expired at 5, and the only field of 'deleted' was deleted.")


@scored(points=8, level=4)
def test_restore_brings_back_the_latest_backup_at_or_before_the_time():
    script = Script()
    store = _new_store(script)
    for taken_at in (10, 20, 30):
        script.call(store, "set_at", "k", "version", str(taken_at), taken_at - 1)
        script.call(store, "backup", taken_at)
    for now, to_restore, expected in ((40, 25, "20"), (50, 20, "20"), (60, 35, "30"), (70, 10, "10")):
        script.call(store, "restore", now, to_restore)
        script.expect(script.call(store, "get_at", "k", "version", now + 1), expected,
                      f"After restore({now}, {to_restore}) with backups taken at 10, 20 and 30, get_at returned "
                      f"{{got}}; expected {{expected}}: the latest backup taken at or before {to_restore} "
                      "(a backup taken exactly then counts) is the one taken at " + expected + ".")


@scored(points=6, level=4)
def test_restore_raises_value_error_when_no_backup_qualifies():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "k", "f", "v", 1)
    if not _raises_value_error(script, store, "restore", 2, 2):
        script.fail("restore(2, 2) returned, but no backup was ever taken: it must raise ValueError.",
                    show_got=False)
    script.call(store, "backup", 10)
    if not _raises_value_error(script, store, "restore", 11, 9):
        script.fail("restore(11, 9) returned, but the only backup was taken at 10, after 9: it must raise "
                    "ValueError.", show_got=False)


@scored(points=9, level=4)
def test_a_restored_field_keeps_its_remaining_lifetime():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at_with_ttl", "k", "f", "v", 10, 10)
    script.call(store, "set_at", "k", "forever", "w", 11)
    script.call(store, "backup", 15)
    script.call(store, "restore", 100, 15)
    script.expect(script.call(store, "get_at", "k", "f", 104), "v",
                  "get_at at 104 returned {got}: the field (set at 10, ttl 10) had 5 time units left at the "
                  "backup at 15, and the restore at 100 starts them again, so it is live until 105.")
    script.expect(script.call(store, "get_at", "k", "f", 105), None,
                  "get_at at 105 returned {got}: the restored field had 5 time units left, counted from the "
                  "restore at 100, so it expired at 105 (not at 110: the ttl is not restarted in full).")
    script.expect(script.call(store, "get_at", "k", "forever", 1000), "w",
                  "get_at at 1000 returned {got}: a field without a TTL is restored without one.")


@scored(points=8, level=4)
def test_backups_do_not_share_state_with_the_live_store():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "k", "f", "before", 1)
    script.call(store, "backup", 2)
    script.call(store, "set_at", "k", "f", "after", 3)
    script.call(store, "set_at", "k", "g", "added", 4)
    script.call(store, "restore", 5, 2)
    script.expect(script.call(store, "scan_at", "k", 6), ["f(before)"],
                  "After writes to 'k' and a restore of the backup taken at 2, scan_at returned {got}; expected "
                  "{expected}. The backup must be a copy of every key's fields, not of the outer dict only: "
                  "writes after a backup must not change it.")
    script.call(store, "set_at", "k", "f", "changed", 7)
    script.call(store, "delete_at", "k", "f", 8)
    script.call(store, "restore", 9, 2)
    script.expect(script.call(store, "scan_at", "k", 10), ["f(before)"],
                  "The backup taken at 2 was restored, changed in the live store, then restored again; scan_at "
                  "returned {got}; expected {expected}. Restore must copy the backup too, or the next writes "
                  "change it.")


@scored(points=5, level=4)
def test_restore_replaces_the_whole_state():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "k", "f", "1", 1)
    script.call(store, "backup", 2)
    script.call(store, "set_at", "k", "g", "2", 3)
    script.call(store, "set_at", "new", "f", "3", 4)
    script.call(store, "restore", 5, 2)
    script.expect(script.call(store, "scan_at", "k", 6), ["f(1)"],
                  "scan_at returned {got} after restoring the backup taken at 2; expected {expected}: the field "
                  "'g' was set after that backup, and a restore replaces the whole state.")
    script.expect(script.call(store, "get_at", "new", "f", 7), None,
                  "get_at returned {got} for a key created after the restored backup; expected None.")
    script.expect(script.call(store, "backup", 8), 1,
                  "backup returned {got} right after a restore of a backup that held one key; expected 1.")


@scored(points=5, level=4)
def test_backups_survive_a_restore():
    script = Script()
    store = _new_store(script)
    script.call(store, "set_at", "k", "f", "first", 1)
    script.call(store, "backup", 2)
    script.call(store, "set_at", "k", "f", "second", 3)
    script.call(store, "backup", 4)
    script.call(store, "restore", 5, 2)
    script.call(store, "restore", 6, 4)
    script.expect(script.call(store, "get_at", "k", "f", 7), "second",
                  "get_at returned {got} after restoring the backup taken at 2 and then the one taken at 4; "
                  "expected {expected}. A restore does not delete any backup, later ones included.")
