"""Any token that is not a number reads as a missing child, so 'x' or '1.5' silently becomes None."""

EXPECT = "test_a_value_that_is_not_an_integer_is_rejected"
PATCH = [("        if token == NULL:\n            child = None", "        if not token.lstrip(\"-\").isdigit():\n            child = None")]
