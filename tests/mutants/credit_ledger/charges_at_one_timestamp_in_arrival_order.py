"""Charges at the same timestamp are replayed in the order they arrived, not in charge_id order."""

EXPECT = "test_charges_at_the_same_timestamp_go_in_charge_id_order"
BEYOND_THE_MODEL = "level 3: the level-1 model test makes its calls in time order, one per timestamp"
SAYS = ["charge_id order"]
PATCH = [("        events.sort()", "        events.sort(key=lambda event: event[:2])")]
