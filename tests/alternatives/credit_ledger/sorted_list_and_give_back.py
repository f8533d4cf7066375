"""Credit ledger with a sorted list of active grants instead of a heap, and a different way to count:
a grant adds its amount at its timestamp and takes it all back at its expiry, and each draw gives back,
at the grant's expiry, what it took when it was made."""

from __future__ import annotations

from bisect import bisect_right, insort
from itertools import accumulate


class CreditLedger:
    """Grants of credit that expire, all-or-nothing charges against them, and balances at any time."""

    def __init__(self) -> None:
        self._grants: dict[str, tuple[int, int, int]] = {}
        self._charges: dict[str, tuple[int, int]] = {}
        self._replayed = True
        self._times: list[int] = []
        self._totals: list[int] = []
        self._status: dict[str, str] = {}

    def grant(self, grant_id: str, amount: int, timestamp: int, expires_at: int) -> None:
        """Add amount credits, usable for timestamp <= t < expires_at.

        Raises ValueError, and changes nothing, if amount <= 0, expires_at <= timestamp, or a grant
        with this grant_id was already made.
        """
        if amount <= 0 or expires_at <= timestamp or grant_id in self._grants:
            raise ValueError(f"invalid grant {grant_id!r}")
        self._grants[grant_id] = (amount, timestamp, expires_at)
        self._replayed = False

    def charge(self, charge_id: str, amount: int, timestamp: int) -> None:
        """Charge amount credits at timestamp: accepted in full if the active credit then covers it, else rejected.

        Raises ValueError, and changes nothing, if amount <= 0 or a charge with this charge_id was
        already made (accepted or rejected).
        """
        if amount <= 0 or charge_id in self._charges:
            raise ValueError(f"invalid charge {charge_id!r}")
        self._charges[charge_id] = (amount, timestamp)
        self._replayed = False

    def balance(self, timestamp: int) -> int:
        """The credit left at timestamp in the grants active then, after every grant and charge up to timestamp."""
        self._replay()
        index = bisect_right(self._times, timestamp)
        return self._totals[index - 1] if index else 0

    def charge_status(self, charge_id: str, timestamp: int) -> str:
        """"pending" if timestamp is before the charge's timestamp, else "accepted" or "rejected".

        Raises KeyError if no charge has this charge_id.
        """
        if timestamp < self._charges[charge_id][1]:
            return "pending"
        self._replay()
        return self._status[charge_id]

    def _replay(self) -> None:
        if self._replayed:
            return
        events = sorted([(t, "0", grant_id) for grant_id, (_, t, _) in self._grants.items()]
                        + [(t, "1" + charge_id, charge_id) for charge_id, (_, t) in self._charges.items()])
        deltas: dict[int, int] = {}
        # [expires_at, timestamp, grant_id, left], kept sorted: the front is the grant to draw from, and the
        # grants that have expired are all at the front too.
        active: list[list] = []
        credit = 0
        for t, kind, name in events:
            if kind == "0":
                amount, _, expires_at = self._grants[name]
                insort(active, [expires_at, t, name, amount])
                credit += amount
                deltas[t] = deltas.get(t, 0) + amount
                deltas[expires_at] = deltas.get(expires_at, 0) - amount
                continue
            gone = bisect_right(active, [t, float("inf")])  # every grant with expires_at <= t
            credit -= sum(g[3] for g in active[:gone])
            del active[:gone]
            amount = self._charges[name][0]
            if credit < amount:
                self._status[name] = "rejected"
                continue
            self._status[name] = "accepted"
            credit -= amount
            used_up = 0
            for g in active:
                taken = min(amount, g[3])
                g[3] -= taken
                amount -= taken
                deltas[t] = deltas.get(t, 0) - taken
                deltas[g[0]] += taken
                if g[3]:
                    break
                used_up += 1
                if not amount:
                    break
            del active[:used_up]
        self._times = sorted(deltas)
        self._totals = list(accumulate(deltas[t] for t in self._times))
        self._replayed = True
