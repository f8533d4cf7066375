"""Credit ledger in an object style: grants are objects in a heap, the replay is cached against a version
number, and balances come from a sweep that notes the running total after every event and every expiry."""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass


@dataclass
class _Grant:
    grant_id: str
    amount: int
    timestamp: int
    expires_at: int
    left: int = 0

    def __lt__(self, other: _Grant) -> bool:
        # The order a charge draws in: soonest to expire, then oldest, then smallest id.
        return (self.expires_at, self.timestamp, self.grant_id) < (other.expires_at, other.timestamp, other.grant_id)


@dataclass
class _Charge:
    charge_id: str
    amount: int
    timestamp: int
    accepted: bool = False


class CreditLedger:
    """Grants of credit that expire, all-or-nothing charges against them, and balances at any time."""

    def __init__(self) -> None:
        self._grants: dict[str, _Grant] = {}
        self._charges: dict[str, _Charge] = {}
        self._version = 0
        self._settled_version = 0
        self._checkpoints_at: list[int] = []
        self._checkpoints: list[int] = []

    def grant(self, grant_id: str, amount: int, timestamp: int, expires_at: int) -> None:
        """Add amount credits, usable for timestamp <= t < expires_at.

        Raises ValueError, and changes nothing, if amount <= 0, expires_at <= timestamp, or a grant
        with this grant_id was already made.
        """
        if grant_id in self._grants:
            raise ValueError("duplicate grant_id")
        if amount <= 0:
            raise ValueError("amount must be positive")
        if timestamp >= expires_at:
            raise ValueError("expires_at must be after timestamp")
        self._grants[grant_id] = _Grant(grant_id, amount, timestamp, expires_at)
        self._version += 1

    def charge(self, charge_id: str, amount: int, timestamp: int) -> None:
        """Charge amount credits at timestamp: accepted in full if the active credit then covers it, else rejected.

        Raises ValueError, and changes nothing, if amount <= 0 or a charge with this charge_id was
        already made (accepted or rejected).
        """
        if charge_id in self._charges:
            raise ValueError("duplicate charge_id")
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._charges[charge_id] = _Charge(charge_id, amount, timestamp)
        self._version += 1

    def balance(self, timestamp: int) -> int:
        """The credit left at timestamp in the grants active then, after every grant and charge up to timestamp."""
        self._settle()
        index = bisect_right(self._checkpoints_at, timestamp)
        return self._checkpoints[index - 1] if index else 0

    def charge_status(self, charge_id: str, timestamp: int) -> str:
        """"pending" if timestamp is before the charge's timestamp, else "accepted" or "rejected".

        Raises KeyError if no charge has this charge_id.
        """
        charge = self._charges[charge_id]
        if timestamp < charge.timestamp:
            return "pending"
        self._settle()
        return "accepted" if charge.accepted else "rejected"

    def _settle(self) -> None:
        if self._settled_version == self._version:
            return
        for grant in self._grants.values():
            grant.left = grant.amount
        events: list[tuple[int, int, str, _Grant | _Charge]] = [
            (g.timestamp, 0, "", g) for g in self._grants.values()
        ] + [(c.timestamp, 1, c.charge_id, c) for c in self._charges.values()]
        events.sort(key=lambda event: event[:3])
        at: list[int] = []
        totals: list[int] = []
        live: list[_Grant] = []
        total = 0

        def expire_until(t: float) -> None:
            nonlocal total
            while live and live[0].expires_at <= t:
                gone = heapq.heappop(live)
                total -= gone.left
                at.append(gone.expires_at)
                totals.append(total)

        for t, _, _, event in events:
            expire_until(t)
            if isinstance(event, _Grant):
                heapq.heappush(live, event)
                total += event.amount
            else:
                event.accepted = event.amount <= total
                if event.accepted:
                    total -= event.amount
                    need = event.amount
                    while need:
                        first = live[0]
                        drawn = min(need, first.left)
                        first.left -= drawn
                        need -= drawn
                        if not first.left:
                            heapq.heappop(live)  # used up: its expiry will change nothing
            at.append(t)
            totals.append(total)
        expire_until(float("inf"))
        self._checkpoints_at, self._checkpoints = at, totals
        self._settled_version = self._version
