"""size(x) reads the counter stored on x itself, which is only up to date when x is a root."""

EXPECT = "test_size_is_the_size_of_the_whole_component"
PATCH = [
    ("self._size[root_a] += self._size.pop(root_b)", "self._size[root_a] += self._size[root_b]"),
    ("        return self._size[self.find(x)]", "        return self._size[x]"),
]
SAYS = ["read it through find(x)"]
