"""union() merges the trees but forgets to lower the component count."""

EXPECT = "test_components_count_only_real_merges"
PATCH = [("        self._components -= 1\n", "")]
SAYS = ["it merged two sets"]
