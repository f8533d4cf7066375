"""charge_status of an id never charged returns "rejected" instead of raising KeyError."""

EXPECT = "test_an_unknown_charge_id_raises_key_error"
PATCH = [
    (
        "        _, charged_at = self._charges[charge_id]\n",
        "        if charge_id not in self._charges:\n"
        "            return \"rejected\"\n"
        "        _, charged_at = self._charges[charge_id]\n",
    )
]
