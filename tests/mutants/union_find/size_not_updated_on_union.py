"""union() links the roots but never adds the absorbed tree's size to the new root."""

EXPECT = "test_size_is_the_size_of_the_whole_component"
PATCH = [("self._size[root_a] += self._size.pop(root_b)", "self._size.pop(root_b)")]
SAYS = ["of size 2"]
