"""Hidden tests for the credit_ledger kata: a progressive round in four levels, each gated on the ones before.

The expected answers come from a plain replay written from the statement (`_Ledger` below): apply,
in timestamp order, every grant and charge up to the time asked about. Each level has one model test
(a state machine for level 1, random calls in time order for level 2, random calls in a random order
for level 3) and a few exhaustive tests aimed at the classic mistakes, so the report names the rule
that was broken. Level 4 times the learner's ledger against the reference.
"""

from __future__ import annotations

import random
from contextlib import nullcontext
from dataclasses import dataclass, field

from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from grader.harness import (
    SETTINGS, STATEFUL_SETTINGS, PropertyFailed, Script, UserCodeRaised, assert_as_fast_as_reference, reference,
    run_model_test, same, scored, solution,
)

# ---------------------------------------------------------------------------------------------
# The model: the statement's rules as a plain replay, quadratic and obvious.


@dataclass(frozen=True)
class Grant:
    id: str
    amount: int
    timestamp: int
    expires_at: int

    def active(self, t: int) -> bool:
        return self.timestamp <= t < self.expires_at

    def call(self) -> str:
        return f"grant({self.id!r}, {self.amount}, {self.timestamp}, {self.expires_at})"

    def __str__(self) -> str:
        return f"{self.id!r} ({self.amount} at t={self.timestamp}, expires at {self.expires_at})"


@dataclass(frozen=True)
class Charge:
    id: str
    amount: int
    timestamp: int

    def call(self) -> str:
        return f"charge({self.id!r}, {self.amount}, {self.timestamp})"

    def __str__(self) -> str:
        return f"{self.id!r} ({self.amount} at t={self.timestamp})"


def _draw_order(grant: Grant) -> tuple:
    return grant.expires_at, grant.timestamp, grant.id


@dataclass
class _Decision:
    charge: Charge
    available: list[tuple[Grant, int]]
    """The active grants holding credit just before the charge, in the order a charge draws from them."""
    draws: list[tuple[Grant, int]] = field(default_factory=list)

    @property
    def credit(self) -> int:
        return sum(left for _, left in self.available)

    @property
    def accepted(self) -> bool:
        return self.charge.amount <= self.credit

    def explain(self) -> str:
        held = ", ".join(f"{grant.id!r} {left}" for grant, left in self.available)
        held = f"{self.credit} ({held})" if held else "nothing"
        if not self.accepted:
            return (f"charge {self.charge} was rejected: the grants active at {self.charge.timestamp} held {held}, "
                    "less than it asks, so it drew nothing")
        drawn = ", then ".join(f"{amount} from {grant.id!r} (expires at {grant.expires_at})"
                               for grant, amount in self.draws)
        return (f"charge {self.charge} was accepted: the grants active at {self.charge.timestamp} held {held}, "
                f"and it drew {drawn}")


class _Replay:
    """Every grant and charge with a timestamp <= until, applied in the statement's order."""

    def __init__(self, grants: list[Grant], charges: list[Charge], until: int):
        self.until = until
        self.grants: dict[str, Grant] = {}
        self.left: dict[str, int] = {}
        self.decisions: dict[str, _Decision] = {}
        events = sorted([(g.timestamp, 0, g.id, g) for g in grants if g.timestamp <= until]
                        + [(c.timestamp, 1, c.id, c) for c in charges if c.timestamp <= until],
                        key=lambda event: event[:3])
        for t, _, _, event in events:
            if isinstance(event, Grant):
                self.grants[event.id] = event
                self.left[event.id] = event.amount
                continue
            usable = sorted((g for g in self.grants.values() if g.active(t) and self.left[g.id]), key=_draw_order)
            decision = _Decision(event, [(g, self.left[g.id]) for g in usable])
            if decision.accepted:
                need = event.amount
                for grant in usable:
                    drawn = min(need, self.left[grant.id])
                    if drawn:
                        self.left[grant.id] -= drawn
                        decision.draws.append((grant, drawn))
                        need -= drawn
            self.decisions[event.id] = decision

    def balance(self) -> int:
        return sum(left for grant_id, left in self.left.items() if self.grants[grant_id].active(self.until))

    def explain_balance(self) -> str:
        """Which grants count at `until` and why: what each charge drew, and what expired unused."""
        t = self.until
        active = [g for g in self.grants.values() if g.active(t)]
        if active:
            parts = ["the grants active at " + str(t) + " are "
                     + ", ".join(f"{g} with {self.left[g.id]} left" for g in sorted(active, key=_draw_order))]
        else:
            parts = [f"no grant is active at {t}"]
        expired = [g for g in self.grants.values() if g.expires_at <= t]
        if expired:
            parts.append("expired by then: " + ", ".join(
                f"{g} with {self.left[g.id]} unused" if self.left[g.id] else f"{g}, used up"
                for g in sorted(expired, key=_draw_order)))
        parts += [self.explain_charge(charge_id) for charge_id in self.decisions]
        return "; ".join(parts)

    def explain_charge(self, charge_id: str) -> str:
        """How the charge was decided, with the tie rules that placed it, when ties were involved."""
        charge = self.decisions[charge_id].charge
        notes = []
        if any(g.timestamp == charge.timestamp for g in self.grants.values()):
            notes.append(f"the grants made at {charge.timestamp} come first (at equal timestamps, grants come before "
                         "charges)")
        before = [d.charge.id for d in self.decisions.values()
                  if d.charge.timestamp == charge.timestamp and d.charge.id < charge_id]
        if before:
            notes.append(f"{', '.join(map(repr, before))}, at the same timestamp, "
                         f"{'comes' if len(before) == 1 else 'come'} before {charge_id!r} (charges at equal "
                         "timestamps go in charge_id order)")
        text = self.decisions[charge_id].explain()
        return f"at {charge.timestamp}, {' and '.join(notes)}; then {text}" if notes else text


class _Ledger:
    """The calls made so far, and what the statement says they mean."""

    def __init__(self) -> None:
        self.grants: dict[str, Grant] = {}
        self.charges: dict[str, Charge] = {}

    def add(self, call: Grant | Charge) -> None:
        (self.grants if isinstance(call, Grant) else self.charges)[call.id] = call

    def replay(self, until: int) -> _Replay:
        return _Replay(list(self.grants.values()), list(self.charges.values()), until)

    def balance(self, t: int) -> int:
        return self.replay(t).balance()

    def status(self, charge_id: str, t: int) -> str:
        charge = self.charges[charge_id]
        if t < charge.timestamp:
            return "pending"
        return "accepted" if self.replay(charge.timestamp).decisions[charge_id].accepted else "rejected"

    def explain_status(self, charge_id: str, t: int) -> str:
        charge = self.charges[charge_id]
        if t < charge.timestamp:
            return f"{t} is before the charge's timestamp {charge.timestamp}, so it is still pending"
        return self.replay(charge.timestamp).explain_charge(charge_id)


def _make(script: Script, ledger, call: Grant | Charge):
    if isinstance(call, Grant):
        return script.call(ledger, "grant", call.id, call.amount, call.timestamp, call.expires_at)
    return script.call(ledger, "charge", call.id, call.amount, call.timestamp)


def _new_ledger(script: Script):
    return script.new("ledger", solution().CreditLedger)


def _ledger_with(script: Script, calls: list[Grant | Charge]):
    ledger = _new_ledger(script)
    for call in calls:
        _make(script, ledger, call)
    return ledger


def _make_valid(script: Script, ledger, call: Grant | Charge, why: str) -> None:
    """Make a call the statement accepts: a ValueError from it fails with the reason it is valid."""
    try:
        _make(script, ledger, call)
    except UserCodeRaised as raised:
        if not isinstance(raised.original, ValueError):
            raise
        raise PropertyFailed(f"{raised.message}, but this call is valid: {why}", raised.script,
                             raised.replay) from None


def _fail_unless_value_error(script: Script, attempt, message: str) -> None:
    script.expect_raises(ValueError, attempt, message)


# ---------------------------------------------------------------------------------------------
# Levels 1 and 2: calls in time order


IDS = st.sampled_from("abc")
NEVER = 1_000_000
"""A lifetime no test of level 1 reaches."""
# What makes a call invalid, if anything: None (a valid call) comes first, so shrinking makes calls valid.
GRANT_FLAWS = st.sampled_from([None, None, None, None, None, "zero amount", "negative amount", "expires when it starts",
                               "expires before it starts"])
CHARGE_FLAWS = st.sampled_from([None, None, None, None, "zero amount", "negative amount"])


class LedgerMatchesReplay(RuleBasedStateMachine):
    """Level 1: the user's ledger against the model, every call at a later time than the one before.

    Grants and charges each get a new timestamp, and nothing expires. After every step the balance must
    agree, and after every charge its status. Ids come from a small pool, so they collide. Invalid calls
    (bad amounts, bad expiry, reused ids) must raise ValueError and leave no trace: the next call often
    uses again the id that a refused call named (always for a grant: nothing else would show a grant
    stored before its check failed).
    """

    @initialize(start=st.integers(-6, 2), opening=st.integers(0, 8))
    def new_ledger(self, start, opening):
        self.script = Script()
        self.ledger = _new_ledger(self.script)
        self.model = _Ledger()
        self.now = start
        self.refused: dict[tuple[str, str], str] = {}
        """(kind, id) of calls that had to raise ValueError, with the call: their ids are still free."""
        if opening:  # most runs start with some credit, under an id that charges will reuse
            self.valid(Grant("a", opening, start, start + NEVER), "it is the first call")

    def tick(self) -> int:
        self.now += 1
        return self.now

    def valid(self, call: Grant | Charge, why: str) -> None:
        """Make a call the statement accepts; a ValueError from it is explained, not just reported."""
        kind = "grant" if isinstance(call, Grant) else "charge"
        refused = self.refused.get((kind, call.id))
        if refused:
            why += f". The earlier {refused} raised ValueError, so it made nothing and {call.id!r} is still free"
        other = (self.model.charges if kind == "grant" else self.model.grants).get(call.id)
        if other:
            why += f". The ledger.{other.call()} made earlier does not count: grant ids and charge ids are separate"
        _make_valid(self.script, self.ledger, call, why + ".")
        self.model.add(call)
        self.refused.pop((kind, call.id), None)
        if isinstance(call, Charge):
            self.status_agrees(call.id)

    def refuse(self, call: Grant | Charge, message: str) -> None:
        """Make a call the statement refuses: it must raise ValueError."""
        _fail_unless_value_error(self.script, lambda: _make(self.script, self.ledger, call), message)
        kind = "grant" if isinstance(call, Grant) else "charge"
        if call.id not in (self.model.grants if kind == "grant" else self.model.charges):
            self.refused.setdefault((kind, call.id), f"ledger.{call.call()}")

    @rule(pause=st.integers(1, 4))
    def time_passes(self, pause):
        self.now += pause

    @rule(grant_id=IDS, amount=st.integers(1, 8), flaw=GRANT_FLAWS)
    def grant(self, grant_id, amount, flaw):
        now = self.tick()
        if flaw:
            amount = {"zero amount": 0, "negative amount": -3}.get(flaw, amount)
            expires_at = {"expires when it starts": now, "expires before it starts": now - 1}.get(flaw, now + NEVER)
            call = Grant(grant_id, amount, now, expires_at)
            self.refuse(call, f"ledger.{call.call()} {{got}}, but a grant with "
                        + (f"amount {amount} must raise {{expected}}: amounts must be positive." if amount <= 0
                           else f"expires_at {expires_at} <= timestamp {now} must raise {{expected}}: a grant is "
                                "usable for timestamp <= t < expires_at, an empty window."))
            self.retry("grant", grant_id)
            return
        call = Grant(grant_id, amount, now, now + NEVER)
        if grant_id in self.model.grants:
            self.refuse(call, f"ledger.{call.call()} {{got}}, but a grant {grant_id!r} was already made "
                              f"(ledger.{self.model.grants[grant_id].call()}): a duplicate grant_id must raise "
                              "{expected} and change nothing.")
            return
        self.valid(call, f"the amount is positive, expires_at is after the timestamp, and no grant {grant_id!r} "
                         "was made before")

    @rule(charge_id=IDS, amount=st.integers(1, 10), flaw=CHARGE_FLAWS, then_retry=st.booleans())
    def charge(self, charge_id, amount, flaw, then_retry):
        call = Charge(charge_id, {"zero amount": 0, "negative amount": -2}.get(flaw, amount), self.tick())
        if flaw:
            self.refuse(call, f"ledger.{call.call()} {{got}}, but a charge of {call.amount} must raise {{expected}}: "
                              "amounts must be positive.")
            if then_retry:
                self.retry("charge", charge_id)
            return
        if charge_id in self.model.charges:
            earlier = self.model.charges[charge_id]
            self.refuse(call, f"ledger.{call.call()} {{got}}, but a charge {charge_id!r} was already made "
                              f"(ledger.{earlier.call()}, {self.model.status(charge_id, self.now)}): a duplicate "
                              "charge_id must raise {expected} and change nothing, whether the first charge was "
                              "accepted or rejected.")
            return
        self.valid(call, f"the amount is positive and no charge {charge_id!r} was made before")

    def retry(self, kind: str, name: str) -> None:
        """Use at once the id that a refused call named, if no earlier call took it: it must still be free."""
        if (kind, name) not in self.refused:
            return
        now = self.tick()
        call = Grant(name, 3, now, now + NEVER) if kind == "grant" else Charge(name, 2, now)
        self.valid(call, f"its arguments are fine, and no {kind} {name!r} was made before")

    @rule(charge_id=IDS)
    def charge_status(self, charge_id):
        t = self.now
        if charge_id not in self.model.charges:
            refused = self.refused.get(("charge", charge_id))
            why = (f"the only charge {charge_id!r} tried was {refused}, which raised ValueError and so was never made"
                   if refused else f"no charge {charge_id!r} was made")
            if charge_id in self.model.grants:
                why += f" (the grant {charge_id!r} does not count: grant ids and charge ids are separate)"
            self.script.expect_raises(
                KeyError, lambda: self.script.call(self.ledger, "charge_status", charge_id, t),
                f"charge_status({charge_id!r}, {t}) {{got}}, but {why}: an unknown charge_id must raise {{expected}}.")
            return
        self.status_agrees(charge_id, quietly=False)

    def status_agrees(self, charge_id: str, quietly: bool = True) -> None:
        t = self.now
        with self.script.quietly() if quietly else nullcontext():
            got = self.script.call(self.ledger, "charge_status", charge_id, t)
            self.script.expect(got, self.model.status(charge_id, t),
                               f"charge_status({charge_id!r}, {t}) returned {{got}}; expected {{expected}}: "
                               + self.model.explain_status(charge_id, t) + ".")

    @invariant()
    def balance_agrees(self):
        t = self.now
        with self.script.quietly():
            got = self.script.call(self.ledger, "balance", t)
            expected = self.model.balance(t)
            if not same(got, expected):
                refused = ""
                if self.refused:
                    refused = " Calls that raised ValueError changed nothing: " + ", ".join(self.refused.values()) + "."
                self.script.expect(got, expected, f"balance({t}) returned {{got}}; expected {{expected}}: "
                                   + self.model.replay(t).explain_balance() + "." + refused)


MACHINE_SETTINGS = settings(STATEFUL_SETTINGS, max_examples=25, stateful_step_count=10)

# Fixed runs that decide level 1's rules, replayed before the random ones so that a bug they show is caught at
# every seed. new_ledger(start, opening) grants 'a' `opening` credits at `start`; every call after it takes the
# next timestamp.
DECIDING_RUNS = [
    # a charge above the balance is rejected and draws nothing; its id is taken all the same; a charge of exactly
    # the balance is accepted; a charge is decided at its own timestamp; a grant counts at its own timestamp
    [("new_ledger", 0, 5), ("charge", "b", 8, None, False), ("charge", "b", 2, None, False),
     ("charge", "c", 5, None, False)],
    # a duplicate grant id, a grant that expires when it starts (then its id, still free), a charge of 0 (then its
    # id), a charge named like a grant, and an unknown charge id
    [("new_ledger", 0, 5), ("grant", "a", 3, None), ("grant", "b", 3, "expires when it starts"),
     ("charge", "c", 1, "zero amount", True), ("charge", "a", 1, None, False), ("charge_status", "z")],
    # a grant made after a rejected charge does not pay for it: the replay goes in timestamp order
    [("new_ledger", 0, 2), ("charge", "c", 5, None, False), ("grant", "b", 5, None)],
]


# The model tests get a longer timeout than the default: shrinking a failure to a short script takes a few
# seconds, and the message about a hang would mislead.
@scored(points=12, level=1, timeout=15)
def test_ledger_agrees_with_a_model_under_calls_in_time_order():
    run_model_test(LedgerMatchesReplay, DECIDING_RUNS, MACHINE_SETTINGS)


@scored(points=5, level=1)
def test_a_charge_is_all_or_nothing():
    script = Script()
    ledger = _ledger_with(script, [Grant("g", 10, -5, 1000)])
    script.call(ledger, "charge", "big", 11, -4)
    script.expect(script.call(ledger, "charge_status", "big", -4), "rejected",
                  "charge_status('big', -4) returned {got}; expected 'rejected': the charge asks 11 and only 10 "
                  "was granted.")
    got = script.call(ledger, "balance", -4)
    script.expect(got, 10, "balance(-4) returned {got}; expected 10: a rejected charge draws nothing at all, "
                  + ("not even the 10 that was there." if got == 0 else "and the balance never goes below 0."
                     if isinstance(got, int) and got < 0 else "so the 10 granted are all still there."))
    script.call(ledger, "charge", "exact", 10, -3)
    script.expect(script.call(ledger, "charge_status", "exact", -3), "accepted",
                  "charge_status('exact', -3) returned {got}; expected 'accepted': the charge asks 10 and the "
                  "balance is exactly 10, which is enough.")
    script.expect(script.call(ledger, "balance", -3), 0,
                  "balance(-3) returned {got}; expected 0: the accepted charge of 10 took all of the 10 granted.")
    script.call(ledger, "charge", "more", 1, -2)
    script.expect(script.call(ledger, "charge_status", "more", -2), "rejected",
                  "charge_status('more', -2) returned {got}; expected 'rejected': nothing is left.")
    script.expect(script.call(ledger, "balance", -2), 0,
                  "balance(-2) returned {got}; expected 0: a rejected charge never makes the balance negative.")


@scored(points=3, level=1)
def test_a_charge_is_decided_from_its_own_timestamp_on():
    script = Script()
    ledger = _ledger_with(script, [Grant("g", 5, 1, 1000)])
    for charge, expected in ((Charge("c1", 3, 2), "accepted"), (Charge("c2", 3, 3), "rejected")):
        _make(script, ledger, charge)
        script.expect(script.call(ledger, "charge_status", charge.id, charge.timestamp), expected,
                      f"charge_status({charge.id!r}, {charge.timestamp}) returned {{got}}; expected {{expected}}: at "
                      "the charge's own timestamp it has happened, so it is decided (only a time before it gives "
                      "'pending').")
    for charge_id, expected in (("c1", "accepted"), ("c2", "rejected")):
        script.expect(script.call(ledger, "charge_status", charge_id, 50), expected,
                      f"charge_status({charge_id!r}, 50) returned {{got}}; expected {{expected}}: once decided, a "
                      "charge keeps its status at every later time.")


@scored(points=3, level=1)
def test_an_unknown_charge_id_raises_key_error():
    script = Script()
    ledger = _new_ledger(script)
    script.expect_raises(KeyError, lambda: script.call(ledger, "charge_status", "nope", 0),
                         "charge_status('nope', 0) on an empty ledger {got}; an unknown charge_id must raise "
                         "{expected}.")
    script.call(ledger, "grant", "g", 5, 1, 1000)
    script.expect_raises(KeyError, lambda: script.call(ledger, "charge_status", "g", 2),
                         "charge_status('g', 2) {got}: 'g' is a grant, not a charge, so it must raise {expected}.")
    script.call(ledger, "charge", "c", 9, 3)
    script.expect_raises(KeyError, lambda: script.call(ledger, "charge_status", "d", 4),
                         "charge_status('d', 4) {got}; no charge 'd' was made, so it must raise {expected} (a rejected "
                         "charge such as 'c' is known; a charge never made is not).")


_INVALID_CALLS = [
    (Grant("g", 0, 2, 10), "a grant of 0 credits"),
    (Grant("g", -5, 2, 10), "a grant of a negative amount"),
    (Grant("g", 5, 2, 2), "a grant with expires_at equal to its timestamp (usable for 2 <= t < 2: never)"),
    (Grant("g", 5, 2, 1), "a grant that expires before it starts"),
    (Charge("c", 0, 3), "a charge of 0 credits"),
    (Charge("c", -1, 3), "a charge of a negative amount"),
]


@scored(points=5, level=1)
def test_invalid_calls_raise_value_error_and_change_nothing():
    for call, what in _INVALID_CALLS:
        script = Script()
        ledger = _ledger_with(script, [Grant("base", 4, 0, 1000)])
        _fail_unless_value_error(script, lambda: _make(script, ledger, call),
                                 f"ledger.{call.call()} {{got}}; {what} must raise {{expected}}.")
        script.expect(script.call(ledger, "balance", 4), 4,
                      f"balance(4) returned {{got}}; expected 4: ledger.{call.call()} raised ValueError, so it must "
                      "have changed nothing.")
        fixed = Grant("g", 3, 5, 1000) if isinstance(call, Grant) else Charge("c", 3, 5)
        _make_valid(script, ledger, fixed, f"ledger.{call.call()} raised ValueError and so made nothing: the id "
                                           f"{call.id!r} is still free. Check every argument before storing anything.")
        expected = 7 if isinstance(call, Grant) else 1
        script.expect(script.call(ledger, "balance", 6), expected,
                      f"balance(6) returned {{got}}; expected {{expected}} after the valid ledger.{fixed.call()} "
                      f"that followed the refused ledger.{call.call()}.")

    for first, again, what in (
        (Grant("g", 5, 1, 100), Grant("g", 7, 2, 200), "grant"),
        (Charge("c", 3, 2), Charge("c", 1, 3), "charge"),
        (Charge("c", 50, 2), Charge("c", 1, 3), "charge"),
    ):
        script = Script()
        ledger = _ledger_with(script, [Grant("base", 4, 0, 1000), first])
        balance = script.call(ledger, "balance", 2)
        state = "" if isinstance(first, Grant) else (" (it was rejected, and a rejected charge still takes its id)"
                                                     if first.amount > 9 else " (it was accepted)")
        _fail_unless_value_error(script, lambda: _make(script, ledger, again),
                                 f"ledger.{again.call()} {{got}}, but ledger.{first.call()} already used the "
                                 f"{what}_id {first.id!r}{state}: a duplicate id must raise {{expected}}.")
        script.expect(script.call(ledger, "balance", 5), balance,
                      f"balance(5) returned {{got}}; expected {{expected}}, as before the duplicate "
                      f"ledger.{again.call()}, which must change nothing.")


@scored(points=2, level=1)
def test_grant_ids_and_charge_ids_are_separate():
    script = Script()
    ledger = _new_ledger(script)
    script.call(ledger, "grant", "x", 5, 1, 1000)
    _make_valid(script, ledger, Charge("x", 2, 2), "'x' names a grant, not a charge, and charge ids are only "
                                                   "compared with other charges.")
    script.expect(script.call(ledger, "charge_status", "x", 2), "accepted",
                  "charge_status('x', 2) returned {got}; expected 'accepted': 5 was granted and the charge asks 2.")
    script.expect(script.call(ledger, "balance", 3), 3, "balance(3) returned {got}; expected 3 (5 granted, 2 charged).")


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=20)
@given(amount=st.integers(1, 9), start=st.integers(-5, 5), lifetime=st.integers(1, 6))
@example(amount=5, start=0, lifetime=1)
@example(amount=3, start=-3, lifetime=3)
def test_a_grant_stops_counting_exactly_at_expires_at(amount, start, lifetime):
    end = start + lifetime
    script = Script()
    ledger = _ledger_with(script, [Grant("g", amount, start, end)])
    script.expect(script.call(ledger, "balance", start), amount,
                  f"balance({start}) returned {{got}}; expected {amount}: the grant counts from its own timestamp on.")
    if end - 1 > start:
        script.expect(script.call(ledger, "balance", end - 1), amount,
                      f"balance({end - 1}) returned {{got}}; expected {amount}: the grant counts for {start} <= t < "
                      f"{end}.")
    got = script.call(ledger, "balance", end)
    if not same(got, 0):
        with script.quietly():  # a later time tells an inclusive end from an expiry never applied
            later = script.call(ledger, "balance", end + 5)
        if same(later, got):
            script.fail(f"balance({end}) returned {{got}}, and balance({end + 5}) too; expected 0 at both: the grant "
                        f"counts for {start} <= t < {end}, and once it has expired the credit it still held is gone. "
                        "Your ledger never takes an expired grant's credit off the balance.", got=got)
    script.expect(got, 0, f"balance({end}) returned {{got}}; expected 0: the grant counts for {start} <= t < {end}, so "
                  f"at {end} it has expired (the end is exclusive).")
    script.call(ledger, "charge", "late", 1, end)
    script.expect(script.call(ledger, "charge_status", "late", end), "rejected",
                  f"charge_status('late', {end}) returned {{got}}; expected 'rejected': the only grant expired at "
                  f"{end}, the charge's own timestamp, so nothing was active to pay for it.")


@st.composite
def _calls_in_time_order(draw) -> list[Grant | Charge]:
    """Grants and charges, each at a later timestamp than the one before, with short lifetimes."""
    t = draw(st.integers(-6, 2))
    calls: list[Grant | Charge] = []
    for is_grant, amount, lifetime, gap in draw(st.lists(
            st.tuples(st.booleans(), st.integers(1, 8), st.integers(1, 8), st.integers(1, 3)), min_size=1, max_size=9)):
        t += gap
        if is_grant:
            calls.append(Grant(f"g{sum(isinstance(c, Grant) for c in calls) + 1}", amount, t, t + lifetime))
        else:
            calls.append(Charge(f"c{sum(isinstance(c, Charge) for c in calls) + 1}", amount, t))
    return calls


_OLDER_EXPIRES_FIRST = [Grant("g1", 5, 1, 10), Grant("g2", 5, 2, 20), Charge("c1", 3, 3)]
_NEWER_EXPIRES_FIRST = [Grant("g1", 5, 1, 20), Grant("g2", 5, 2, 10), Charge("c1", 3, 3)]
_SMALLER_EXPIRES_FIRST = [Grant("g1", 8, 1, 20), Grant("g2", 3, 2, 10), Charge("c1", 2, 3)]
_BIGGER_EXPIRES_FIRST = [Grant("g2", 8, 1, 10), Grant("g1", 3, 2, 20), Charge("c1", 2, 3)]
_CHARGE_AT_EXPIRY = [Grant("g1", 5, 1, 4), Grant("g2", 1, 2, 100), Charge("c1", 3, 4)]


@scored(points=11, level=2, timeout=15)
@settings(SETTINGS, max_examples=25)
@given(calls=_calls_in_time_order())
@example(calls=_OLDER_EXPIRES_FIRST)
@example(calls=_NEWER_EXPIRES_FIRST)
@example(calls=_SMALLER_EXPIRES_FIRST)
@example(calls=_BIGGER_EXPIRES_FIRST)
@example(calls=_CHARGE_AT_EXPIRY)
def test_ledger_agrees_with_a_model_when_grants_expire(calls):
    # Calls in time order, and between two calls the balance at every time it may change: the time of the
    # call and each expiry before the next one.
    script = Script()
    ledger = _new_ledger(script)
    model = _Ledger()
    for index, call in enumerate(calls):
        _make(script, ledger, call)
        model.add(call)
        if isinstance(call, Charge):
            with script.quietly():
                got = script.call(ledger, "charge_status", call.id, call.timestamp)
                script.expect(got, model.status(call.id, call.timestamp),
                              f"charge_status({call.id!r}, {call.timestamp}) returned {{got}}; expected {{expected}}: "
                              + model.explain_status(call.id, call.timestamp) + ".")
        until = calls[index + 1].timestamp if index + 1 < len(calls) else float("inf")
        expiries = {g.expires_at for g in model.grants.values() if call.timestamp < g.expires_at < until}
        for t in [call.timestamp, *sorted(expiries)]:
            with script.quietly():
                got = script.call(ledger, "balance", t)
                expected = model.balance(t)
                if not same(got, expected):
                    script.expect(got, expected, f"balance({t}) returned {{got}}; expected {{expected}}: "
                                  + model.replay(t).explain_balance() + ".")


# Two grants and one charge that the grant expiring soonest must pay for: each case puts the mistake
# it targets (newest first, oldest first, largest first, smallest first, grant_id order) on the other grant.
_DRAW_CASES = [
    (Grant("a", 5, 1, 10), Grant("b", 5, 2, 20)),
    (Grant("a", 5, 1, 20), Grant("b", 5, 2, 10)),
    (Grant("a", 3, 1, 10), Grant("b", 8, 2, 20)),
    (Grant("b", 8, 1, 10), Grant("a", 3, 2, 20)),
]


@scored(points=8, level=2)
def test_charges_draw_from_the_grant_that_expires_soonest():
    for first, second in _DRAW_CASES:
        payer, other = sorted((first, second), key=_draw_order)
        charge = Charge("c1", payer.amount, 3)
        script = Script()
        ledger = _ledger_with(script, [first, second, charge])
        end = payer.expires_at
        got = script.call(ledger, "balance", end)
        expected = other.amount
        if same(got, other.amount - payer.amount):
            message = (f"balance({end}) returned {{got}}; expected {{expected}}. Grant {payer.id!r} ({payer.amount} "
                       f"credits, expires at {end}) should have paid for charge 'c1' at t=3, as the active grant "
                       f"that expires soonest, but your ledger drew from {other.id!r} (expires at "
                       f"{other.expires_at}): at t={end} {payer.id!r} expired with {payer.amount} credits left "
                       f"unused, so balance({end}) is {{got}} where it should be {{expected}} (all of {other.id!r}). "
                       "Draw from the active grants in order of expires_at, then grant timestamp, then grant_id.")
        else:
            message = (f"balance({end}) returned {{got}}; expected {{expected}}: charge 'c1' at t=3 must be paid by "
                       f"{payer}, the active grant that expires soonest, so at {end} only {other} is left, untouched.")
        script.expect(got, expected, message)

    script = Script()
    grants = [Grant("z", 4, 1, 15), Grant("y", 5, 2, 20), Grant("x", 3, 3, 10)]
    ledger = _ledger_with(script, grants + [Charge("c1", 6, 4)])
    for t, expected, why in (
        (9, 6, "'x' (3, expires at 10) pays 3 and 'z' (4, expires at 15) the other 3: 1 + 5 are left"),
        (10, 6, "'x' had been used up, so its expiry at 10 takes nothing: 'z' 1 + 'y' 5"),
        (15, 5, "'z' expired with 1 left: only 'y' 5 remains"),
    ):
        script.expect(script.call(ledger, "balance", t), expected,
                      f"balance({t}) returned {{got}}; expected {{expected}}: charge 'c1' (6 at t=4) draws from the "
                      f"grant that expires soonest first, then the next: {why}.")


# ---------------------------------------------------------------------------------------------
# Level 3: calls in any order


@st.composite
def _calls_in_any_order(draw) -> list[Grant | Charge]:
    """A few grants and charges on a small time range (so timestamps collide), in a random arrival order."""
    grants = [Grant(f"g{i}", draw(st.integers(1, 6)), start, start + draw(st.integers(1, 5)))
              for i, start in enumerate(draw(st.lists(st.integers(-2, 5), max_size=4)))]
    times = draw(st.lists(st.integers(-2, 6), min_size=1, max_size=4))
    names = draw(st.permutations("abcd"))  # charge ids out of time order, so id order and arrival order differ
    charges = [Charge(name, draw(st.integers(1, 7)), t) for name, t in zip(names, times)]
    return draw(st.permutations(grants + charges))


def _times_to_ask(model: _Ledger) -> list[int]:
    times = {g.timestamp for g in model.grants.values()} | {g.expires_at for g in model.grants.values()}
    times |= {c.timestamp for c in model.charges.values()}
    return sorted(times | {min(times) - 1})


def _decided_on_arrival(model: _Ledger, arrived: list[Grant | Charge], charge_id: str) -> str:
    """What the charge's status was when it arrived, from the calls made up to then."""
    then = _Ledger()
    for call in arrived[:next(i for i, c in enumerate(arrived) if isinstance(c, Charge) and c.id == charge_id) + 1]:
        then.add(call)
    return then.status(charge_id, then.charges[charge_id].timestamp)


def _status_in_arrival_order(arrived: list[Grant | Charge], charge_id: str, grants_first: bool) -> str:
    """The charge's status from a replay that forgets to sort: the calls in the order they arrived (or the grants
    in that order, then the charges in that order), each with the rules of levels 1 and 2."""
    calls = ([c for c in arrived if isinstance(c, Grant)] + [c for c in arrived if isinstance(c, Charge)]
             if grants_first else list(arrived))
    left: dict[str, int] = {}
    grants: list[Grant] = []
    for call in calls:
        if isinstance(call, Grant):
            grants.append(call)
            left[call.id] = call.amount
            continue
        usable = sorted((g for g in grants if g.active(call.timestamp) and left[g.id]), key=_draw_order)
        if call.amount > sum(left[g.id] for g in usable):
            if call.id == charge_id:
                return "rejected"
            continue
        if call.id == charge_id:
            return "accepted"
        need = call.amount
        for grant in usable:
            drawn = min(need, left[grant.id])
            left[grant.id] -= drawn
            need -= drawn
    raise AssertionError(charge_id)


def _status_advice(got: object, charge_id: str, model: _Ledger, arrived: list[Grant | Charge]) -> str:
    """The likely cause of a wrong status, where the answer given implies one."""
    unsorted = any(same(got, _status_in_arrival_order(arrived, charge_id, grants_first))
                   for grants_first in (False, True))
    on_arrival = same(got, _decided_on_arrival(model, arrived, charge_id))
    sort = ("replay the grants and charges in timestamp order (grants first at equal timestamps, then charges by "
            "charge_id), whatever order they arrived in")
    again = "decide every status again after each call, not once when the charge arrives"
    if unsorted and on_arrival:
        return (f" {got!r} is what {charge_id!r} got when it arrived, and what a replay in the order the calls "
                f"arrived gives: {sort}, and {again}.")
    if unsorted:
        return f" {got!r} is what a replay in the order the calls arrived gives: {sort}."
    if on_arrival:
        return (f" {got!r} was right when {charge_id!r} arrived, but calls that arrived later with an earlier or "
                f"equal timestamp change the replay: {again}.")
    return ""


def _check_every_answer(script: Script, ledger, model: _Ledger, arrived: list[Grant | Charge]) -> None:
    """balance at every time that matters, and every charge's status at its timestamp and just before."""
    order = ("These calls arrived in this order; the answers must be the same as for any other order, as if "
             "they had been replayed in timestamp order (grants first at equal timestamps, then charges by "
             "charge_id).")
    for t in _times_to_ask(model):
        with script.quietly():
            got = script.call(ledger, "balance", t)
            expected = model.balance(t)
            if not same(got, expected):
                script.expect(got, expected, f"balance({t}) returned {{got}}; expected {{expected}}. {order} "
                              f"Replayed up to {t}: " + model.replay(t).explain_balance() + ".")
    for charge in model.charges.values():
        for t in (charge.timestamp - 1, charge.timestamp):
            with script.quietly():
                got = script.call(ledger, "charge_status", charge.id, t)
                expected = model.status(charge.id, t)
                if same(got, expected):
                    continue
                why = model.explain_status(charge.id, t)
                message = (f"charge_status({charge.id!r}, {t}) returned {{got}}; expected {{expected}}. {order} "
                           + why[0].upper() + why[1:] + ".")
                if t >= charge.timestamp:
                    message += _status_advice(got, charge.id, model, arrived)
                script.expect(got, expected, message)


_LATE_GRANT = [Grant("g1", 5, 1, 100), Charge("c1", 8, 5), Charge("c2", 5, 7), Grant("g0", 3, 2, 50)]
_LATE_EARLIER_CHARGE = [Grant("g", 5, 1, 100), Charge("late", 5, 8), Charge("early", 5, 3)]
_LATE_SMALLER_ID = [Grant("g", 5, 1, 100), Charge("b", 5, 3), Charge("a", 5, 3)]
_CHARGE_BEFORE_GRANT = [Charge("c", 4, 3), Grant("g", 4, 3, 9), Charge("d", 1, 3)]


@scored(points=14, level=3, timeout=15)
@settings(SETTINGS, max_examples=25)
@given(calls=_calls_in_any_order())
@example(calls=_LATE_GRANT)
@example(calls=_LATE_EARLIER_CHARGE)
@example(calls=_LATE_SMALLER_ID)
@example(calls=_CHARGE_BEFORE_GRANT)
def test_answers_do_not_depend_on_the_order_of_the_calls(calls):
    script = Script()
    ledger = _new_ledger(script)
    model = _Ledger()
    for count, call in enumerate(calls, 1):
        _make_valid(script, ledger, call, "from level 3 on, calls may arrive in any order, and grants and charges "
                                          "may share a timestamp.")
        model.add(call)
        _check_every_answer(script, ledger, model, calls[:count])


@scored(points=6, level=3)
def test_a_late_grant_can_turn_a_rejected_charge_into_an_accepted_one():
    script = Script()
    ledger = _ledger_with(script, _LATE_GRANT[:3])
    for charge_id, expected, why in (
        ("c1", "rejected", "at 5 only 'g1' (5) is active, and 'c1' asks 8"),
        ("c2", "accepted", "'c1' was rejected, so 'g1' still holds 5 at 7"),
    ):
        script.expect(script.call(ledger, "charge_status", charge_id, 10), expected,
                      f"charge_status({charge_id!r}, 10) returned {{got}}; expected {{expected}}: {why}.")
    script.call(ledger, "grant", "g0", 3, 2, 50)
    for charge_id, expected, why in (
        ("c1", "accepted", "the late grant 'g0' (3 at t=2) makes 3 + 5 = 8 active at 5, enough for 'c1', which "
                           "draws 3 from 'g0' (expires at 50) and 5 from 'g1' (expires at 100)"),
        ("c2", "rejected", "the late grant made 'c1' accepted, and 'c1' took all of 'g1': nothing is left at 7 "
                           "for 'c2', which was accepted before the late call arrived"),
    ):
        script.expect(script.call(ledger, "charge_status", charge_id, 10), expected,
                      f"After the late ledger.grant('g0', 3, 2, 50), charge_status({charge_id!r}, 10) returned "
                      f"{{got}}; expected {{expected}}: {why}. A status is what the replay of every call made so far "
                      "decides, not what was decided when the charge arrived.")
    script.expect(script.call(ledger, "balance", 10), 0,
                  "balance(10) returned {got}; expected 0: 'c1' (8 at t=5) took all of 'g0' and 'g1', and 'c2' was "
                  "rejected.")


@scored(points=4, level=3)
def test_charges_at_the_same_timestamp_go_in_charge_id_order():
    script = Script()
    ledger = _ledger_with(script, _LATE_SMALLER_ID)
    for charge_id, expected in (("a", "accepted"), ("b", "rejected")):
        script.expect(script.call(ledger, "charge_status", charge_id, 3), expected,
                      f"charge_status({charge_id!r}, 3) returned {{got}}; expected {{expected}}: 'a' and 'b' both ask "
                      "5 at t=3 and only 5 was granted. At equal timestamps charges go in charge_id order, so 'a' "
                      "is first and takes it all, even though 'b' arrived first.")


@scored(points=3, level=3)
def test_grants_come_before_charges_at_the_same_timestamp():
    script = Script()
    ledger = _ledger_with(script, _CHARGE_BEFORE_GRANT[:2])
    script.expect(script.call(ledger, "charge_status", "c", 3), "accepted",
                  "charge_status('c', 3) returned {got}; expected 'accepted': the grant of 4 at t=3 counts for a "
                  "charge at t=3, since at equal timestamps grants come before charges (whatever order the calls "
                  "arrived in).")
    script.expect(script.call(ledger, "balance", 3), 0, "balance(3) returned {got}; expected 0: 'c' took the 4.")

    script = Script()
    ledger = _ledger_with(script, [Grant("g", 4, 3, 9), Charge("c", 4, 3)])
    script.expect(script.call(ledger, "charge_status", "c", 3), "accepted",
                  "charge_status('c', 3) returned {got}; expected 'accepted': a grant at t=3 is active at 3.")


@scored(points=3, level=3)
def test_the_past_can_be_asked_about():
    script = Script()
    ledger = _ledger_with(script, [Grant("g", 6, -4, 20), Charge("c", 4, 5), Grant("h", 2, 8, 20)])
    for t, expected, why in ((-5, 0, "nothing is granted before -4"), (-4, 6, "'g' counts from -4 on"),
                             (4, 6, "the charge at 5 has not happened yet"), (5, 2, "'c' took 4 at 5"),
                             (8, 4, "'h' adds 2 at 8")):
        script.expect(script.call(ledger, "balance", t), expected,
                      f"balance({t}) returned {{got}}; expected {{expected}}: {why}. balance(t) replays only the calls "
                      "with a timestamp <= t, whatever the time of the latest call.")
    for t, expected in ((4, "pending"), (-10, "pending"), (5, "accepted")):
        script.expect(script.call(ledger, "charge_status", "c", t), expected,
                      f"charge_status('c', {t}) returned {{got}}; expected {{expected}}: the charge is at 5; before "
                      "that it is 'pending', from 5 on it is decided.")


# ---------------------------------------------------------------------------------------------
# Level 4: scale


def _plan(calls: int, queries: int, seed: int, lasting: bool = False, statuses: bool = True):
    """Grants and charges in a random arrival order, then queries at random times.

    By default grants live a few time units and most charges find enough credit. With `lasting`, every grant
    lasts the whole run and comes before every charge, and each charge takes 1 to 3 credits: a charge then has
    every grant to choose from, and the replay must find the one to draw from quickly. Half the queries are
    charge_status, unless `statuses` is False.
    """
    rng = random.Random(seed)
    span = 2 * calls
    made = []
    for i in range(calls):
        if lasting:
            if i % 2:
                made.append(("charge", (f"c{i}", rng.randint(1, 3), calls + rng.randrange(calls))))
            else:
                made.append(("grant", (f"g{i}", rng.randint(1, 100), rng.randrange(calls), 2 * span)))
        elif i % 2:
            made.append(("charge", (f"c{i}", rng.randint(1, 120), rng.randrange(span))))
        else:
            t = rng.randrange(span)
            made.append(("grant", (f"g{i}", rng.randint(1, 100), t, t + rng.randint(1, 60))))
    rng.shuffle(made)
    charge_ids = [args[0] for kind, args in made if kind == "charge"]
    asked = [(not statuses or rng.random() < 0.5, rng.randrange(-5, span + 60), rng.choice(charge_ids))
             for _ in range(queries)]
    return made, asked


def _plans(calls: int, queries: int, ledgers: int = 1, **shape) -> list:
    return [_plan(calls, queries, seed, **shape) for seed in range(11, 11 + ledgers)]


def _workload(cls, plans: list):
    def run():
        for made, asked in plans:
            ledger = cls()
            grant, charge, balance, status = ledger.grant, ledger.charge, ledger.balance, ledger.charge_status
            for kind, args in made:
                (grant if kind == "grant" else charge)(*args)
            for is_balance, t, charge_id in asked:
                balance(t) if is_balance else status(charge_id, t)

    return run


# Three stages, cheapest first, each aimed at one way of doing too much work. A ledger that replays on
# every call or every query fails the first in a second or two and never reaches the next ones, where it
# would take minutes; an honest O(n log n) replay with a slower constant stays far below each limit.
_STAGES = [
    (dict(calls=300, queries=200, ledgers=10),
     "10 ledgers, each with 300 grants and charges in random arrival order, then 200 queries",
     "Something replays the whole ledger on every call, or on every query. Record a call in O(1) and mark the "
     "ledger stale; replay once, when a query finds it stale, and keep what the replay found for the queries "
     "that follow."),
    (dict(calls=3_000, queries=10, lasting=True),
     "1,500 grants that last the whole run and 1,500 small charges after them, in random arrival order, then "
     "10 queries",
     "The replay itself grows faster than n log n: for each charge, something goes through every grant still "
     "active (to find the one that expires soonest, or to sum their credit). Keep the active grants in a heap "
     "keyed by (expires_at, timestamp, grant_id), whose top is both the grant to draw from and the next to "
     "expire, and keep their total credit in a running sum."),
    (dict(calls=5_000, queries=10_000, statuses=False),
     "5,000 grants and charges in random arrival order, then 10,000 balance queries",
     "The ledger is replayed once, but each query after it still walks the events: it should cost O(log n). "
     "Keep, from the replay, the times at which the balance changes and the balance after each (running "
     "sums), and find t among them with bisect."),
]


@scored(points=15, level=4, timeout=30)
def test_a_batch_of_calls_is_replayed_once_and_each_query_costs_log_n():
    for repeats, (shape, workload, hint) in zip((3, 2, 2), _STAGES):
        plans = _plans(**shape)
        assert_as_fast_as_reference(_workload(solution().CreditLedger, plans),
                                    _workload(reference().CreditLedger, plans), limit=10, workload=workload, hint=hint,
                                    repeats=repeats)


# For `grade compare`: workloads timed on the user's module and the reference's, side by side.
BENCHMARKS = {
    "5,000 calls, then 10,000 balance queries": lambda module: _workload(
        module.CreditLedger, _plans(calls=5_000, queries=10_000, statuses=False)),
    "100,000 calls, then 10,000 queries": lambda module: _workload(
        module.CreditLedger, _plans(calls=100_000, queries=10_000)),
}
