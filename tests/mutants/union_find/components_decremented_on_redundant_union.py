"""The component count drops on every union, including one between elements already connected."""

EXPECT = "test_components_count_only_real_merges"
PATCH = [
    ("        self._components -= 1\n", ""),
    (
        "        root_a, root_b = self.find(a), self.find(b)\n",
        "        root_a, root_b = self.find(a), self.find(b)\n        self._components -= 1\n",
    ),
]
SAYS = ["nothing merged"]
