"""The constructor builds two dicts from two passes over elements: an iterator is empty the second time."""

EXPECT = "test_the_constructor_takes_the_initial_elements"
PATCH = [
    (
        """        self._parent: dict[Hashable, Hashable] = {}
        # Kept for roots only: a root's entry is the size of its whole tree.
        self._size: dict[Hashable, int] = {}
        self._components = 0
        for x in elements:
            self.add(x)""",
        """        self._parent: dict[Hashable, Hashable] = {x: x for x in elements}
        self._size: dict[Hashable, int] = {x: 1 for x in elements}
        self._components = len(self._parent)""",
    )
]
SAYS = ["iterator"]
