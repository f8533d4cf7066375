"""Credit ledger: record every call, replay them in timestamp order once per batch, answer from the replay."""

from __future__ import annotations

from bisect import bisect_right
from heapq import heappop, heappush
from itertools import accumulate

# In the replay, at equal timestamps grants come before charges, and charges go in charge_id order.
_GRANT, _CHARGE = 0, 1


class CreditLedger:
    """Grants of credit that expire, all-or-nothing charges against them, and balances at any time."""

    def __init__(self) -> None:
        self._grants: dict[str, tuple[int, int, int]] = {}  # grant_id -> (amount, timestamp, expires_at)
        self._charges: dict[str, tuple[int, int]] = {}  # charge_id -> (amount, timestamp)
        # What the last replay found. A call only marks it stale: the next query replays everything once,
        # so a batch of n calls costs one O(n log n) replay, and every query until the next call O(log n).
        self._stale = False
        self._times: list[int] = []  # the times at which the balance changes, increasing
        self._balances: list[int] = []  # the balance from _times[i] until _times[i + 1]
        self._accepted: dict[str, bool] = {}

    def grant(self, grant_id: str, amount: int, timestamp: int, expires_at: int) -> None:
        """Add amount credits, usable for timestamp <= t < expires_at.

        Raises ValueError, and changes nothing, if amount <= 0, expires_at <= timestamp, or a grant
        with this grant_id was already made.
        """
        if amount <= 0:
            raise ValueError(f"a grant's amount must be positive, got {amount}")
        if expires_at <= timestamp:
            raise ValueError(f"a grant must expire after it starts: expires_at {expires_at} <= timestamp {timestamp}")
        if grant_id in self._grants:
            raise ValueError(f"there is already a grant {grant_id!r}")
        self._grants[grant_id] = (amount, timestamp, expires_at)
        self._stale = True

    def charge(self, charge_id: str, amount: int, timestamp: int) -> None:
        """Charge amount credits at timestamp: accepted in full if the active credit then covers it, else rejected.

        Raises ValueError, and changes nothing, if amount <= 0 or a charge with this charge_id was
        already made (accepted or rejected).
        """
        if amount <= 0:
            raise ValueError(f"a charge's amount must be positive, got {amount}")
        if charge_id in self._charges:
            raise ValueError(f"there is already a charge {charge_id!r}")
        self._charges[charge_id] = (amount, timestamp)
        self._stale = True

    def balance(self, timestamp: int) -> int:
        """The credit left at timestamp in the grants active then, after every grant and charge up to timestamp."""
        self._replay()
        index = bisect_right(self._times, timestamp)
        return self._balances[index - 1] if index else 0

    def charge_status(self, charge_id: str, timestamp: int) -> str:
        """"pending" if timestamp is before the charge's timestamp, else "accepted" or "rejected".

        Raises KeyError if no charge has this charge_id.
        """
        _, charged_at = self._charges[charge_id]
        if timestamp < charged_at:
            return "pending"
        self._replay()
        return "accepted" if self._accepted[charge_id] else "rejected"

    def _replay(self) -> None:
        if not self._stale:
            return
        events = [(timestamp, _GRANT, grant_id) for grant_id, (_, timestamp, _) in self._grants.items()]
        events += [(timestamp, _CHARGE, charge_id) for charge_id, (_, timestamp) in self._charges.items()]
        events.sort()
        # Active grants as [expires_at, timestamp, grant_id, credit left]: the heap's top is the grant to
        # draw from first (soonest to expire, then oldest, then smallest id), and also the first to expire.
        active: list[list] = []
        credit = 0  # the total credit left in `active`
        changes: list[tuple[int, int]] = []  # (time, balance delta)
        accepted = {}
        for timestamp, kind, event_id in events:
            if kind == _GRANT:
                amount, _, expires_at = self._grants[event_id]
                heappush(active, [expires_at, timestamp, event_id, amount])
                credit += amount
                changes.append((timestamp, amount))
                continue
            amount = self._charges[event_id][0]
            while active and active[0][0] <= timestamp:
                expires_at, _, _, left = heappop(active)
                credit -= left
                changes.append((expires_at, -left))
            accepted[event_id] = amount <= credit
            if not accepted[event_id]:
                continue  # all or nothing: a rejected charge draws nothing
            credit -= amount
            changes.append((timestamp, -amount))
            while amount:
                cheapest = active[0]
                drawn = min(amount, cheapest[3])
                cheapest[3] -= drawn
                amount -= drawn
                if not cheapest[3]:
                    heappop(active)  # used up: it leaves nothing behind when it expires
        # Grants still active after the last event: whatever they hold now is lost when they expire.
        changes += [(expires_at, -left) for expires_at, _, _, left in active]
        changes.sort()
        # A change at t counts for balance(t): expiry is exclusive, grants and charges at t are applied.
        self._times = [time for time, _ in changes]
        self._balances = list(accumulate(delta for _, delta in changes))
        self._accepted = accepted
        self._stale = False
