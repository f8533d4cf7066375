"""The replay forgets to sort: grants in the order they arrived, then charges in the order they arrived."""

EXPECT = "test_answers_do_not_depend_on_the_order_of_the_calls"
SAYS = ["timestamp order"]
NOT_SAYS = ["fixed when the charge arrives"]
PATCH = [("        events.sort()\n", "")]
