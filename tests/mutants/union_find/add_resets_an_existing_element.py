"""add() does not check for an existing element: re-adding one makes it a root again and splits its set."""

EXPECT = "test_adding_an_existing_element_keeps_its_component"
PATCH = [
    (
        """        if x not in self._parent:
            self._parent[x] = x
            self._size[x] = 1
            self._components += 1""",
        """        self._parent[x] = x
        self._size[x] = 1
        self._components += 1""",
    )
]
SAYS = ["must not be reset"]
