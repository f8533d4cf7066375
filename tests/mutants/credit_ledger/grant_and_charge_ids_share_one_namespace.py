"""A charge may not reuse the id of a grant: one set of ids for both, where the statement keeps them apart."""

EXPECT = "test_grant_ids_and_charge_ids_are_separate"
PATCH = [
    ("        if charge_id in self._charges:\n",
     "        if charge_id in self._charges or charge_id in self._grants:\n"),
]
