"""A few visible examples of level 1. Run them with `pytest katas/credit_ledger`; `grade credit_ledger` runs
the hidden tests of every level."""

import pytest

from credit_ledger import CreditLedger


def test_an_accepted_charge_lowers_the_balance():
    ledger = CreditLedger()
    ledger.grant("welcome", 100, 0, 1_000)
    ledger.charge("job-1", 30, 5)
    assert ledger.balance(5) == 70
    assert ledger.charge_status("job-1", 5) == "accepted"


def test_a_charge_is_all_or_nothing():
    ledger = CreditLedger()
    ledger.grant("welcome", 100, 0, 1_000)
    ledger.charge("job-1", 30, 5)
    ledger.charge("job-2", 80, 6)
    assert ledger.charge_status("job-2", 6) == "rejected"
    assert ledger.balance(6) == 70
    ledger.charge("job-3", 70, 7)
    assert ledger.charge_status("job-3", 7) == "accepted"
    assert ledger.balance(7) == 0


def test_invalid_calls_raise_value_error_and_change_nothing():
    ledger = CreditLedger()
    ledger.grant("welcome", 10, 0, 1_000)
    with pytest.raises(ValueError):
        ledger.charge("job", 0, 1)
    with pytest.raises(ValueError):
        ledger.grant("welcome", 5, 2, 1_000)
    with pytest.raises(ValueError):
        ledger.grant("empty", 5, 3, 3)
    assert ledger.balance(4) == 10
    ledger.charge("job", 4, 5)
    assert ledger.charge_status("job", 5) == "accepted"


def test_an_unknown_charge_raises_key_error():
    ledger = CreditLedger()
    with pytest.raises(KeyError):
        ledger.charge_status("nope", 0)
