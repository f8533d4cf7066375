"""Only an accepted charge keeps its id: a rejected one can be charged again under the same id."""

EXPECT = "test_invalid_calls_raise_value_error_and_change_nothing"
SAYS = ["a rejected charge still takes its id"]
PATCH = [
    (
        "        if charge_id in self._charges:\n",
        "        if charge_id in self._charges and self.charge_status(charge_id, timestamp) == \"accepted\":\n",
    )
]
