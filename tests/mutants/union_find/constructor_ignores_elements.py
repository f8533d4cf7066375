"""The constructor accepts the elements argument and then never adds them."""

EXPECT = "test_the_constructor_takes_the_initial_elements"
PATCH = [("        for x in elements:\n            self.add(x)\n", "")]
SAYS = ["given to the constructor"]
NOT_SAYS = ["iterator"]
