"""At equal timestamps charges are replayed before grants, so a grant at t cannot pay for a charge at t."""

EXPECT = "test_grants_come_before_charges_at_the_same_timestamp"
BEYOND_THE_MODEL = "level 3: the level-1 model test makes its calls in time order, one per timestamp"
SAYS = ["grants come before charges"]
PATCH = [("_GRANT, _CHARGE = 0, 1", "_GRANT, _CHARGE = 1, 0")]
