"""Credit ledger, in four levels. Read README.md in this folder, then replace each
`raise NotImplementedError`, one level at a time.

Every method is here from the start, and the four of them are all the API there is: the later levels
(levels/, revealed when `grade credit_ledger` sees the previous one pass) change what the calls must
handle, not what they are called. Expect to rework your data model as the levels go.
"""

from __future__ import annotations


class CreditLedger:
    """Grants of credit that expire, all-or-nothing charges against them, and balances at any time."""

    def __init__(self) -> None:
        # TODO: set up your storage.
        raise NotImplementedError

    def grant(self, grant_id: str, amount: int, timestamp: int, expires_at: int) -> None:
        """Add amount credits, usable for timestamp <= t < expires_at.

        Raises ValueError, and changes nothing, if amount <= 0, expires_at <= timestamp, or a grant
        with this grant_id was already made.
        """
        raise NotImplementedError

    def charge(self, charge_id: str, amount: int, timestamp: int) -> None:
        """Charge amount credits at timestamp: accepted in full if the active credit then covers it, else rejected.

        Raises ValueError, and changes nothing, if amount <= 0 or a charge with this charge_id was
        already made (accepted or rejected).
        """
        raise NotImplementedError

    def balance(self, timestamp: int) -> int:
        """The credit left at timestamp in the grants active then, after every grant and charge up to timestamp."""
        raise NotImplementedError

    def charge_status(self, charge_id: str, timestamp: int) -> str:
        """"pending" if timestamp is before the charge's timestamp, else "accepted" or "rejected".

        Raises KeyError if no charge has this charge_id.
        """
        raise NotImplementedError
