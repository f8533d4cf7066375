"""A charge's status is kept from the first replay that decided it: a late grant or charge never changes it."""

EXPECT = "test_a_late_grant_can_turn_a_rejected_charge_into_an_accepted_one"
PATCH = [("        self._accepted = accepted\n", "        self._accepted = {**accepted, **self._accepted}\n")]
