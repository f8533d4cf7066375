"""union() sets parent[b] = a instead of linking the two roots, so b's old set is cut off from b."""

EXPECT = "test_connected_follows_chains_of_unions"
PATCH = [("        self._parent[root_b] = root_a\n", "        self._parent[b] = a\n")]
SAYS = ["links the two ROOTS"]
