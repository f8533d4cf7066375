"""A charge's status is kept from the first replay that decided it: a late grant or charge never changes it."""

EXPECT = "test_a_late_grant_can_turn_a_rejected_charge_into_an_accepted_one"
BEYOND_THE_MODEL = "level 3: in time order, a later call never changes an earlier charge's status"
SAYS = ["not what was decided when the charge arrived"]
PATCH = [("        self._accepted = accepted\n", "        self._accepted = {**accepted, **self._accepted}\n")]
