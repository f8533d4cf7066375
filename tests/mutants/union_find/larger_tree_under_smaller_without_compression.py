"""Union by size with the comparison backwards (the larger tree goes under the smaller) and no path compression.

Every union then makes the tree one level deeper: a chain, and O(n) per find.
"""

EXPECT = "test_operations_stay_near_constant_time_on_adversarial_unions"
PATCH = [
    ("if self._size[root_a] < self._size[root_b]:", "if self._size[root_a] > self._size[root_b]:"),
    (
        """        node = x
        while (up := parent[node]) is not root:
            parent[node] = root
            node = up
""",
        "",
    ),
]
BEYOND_THE_MODEL = "speed: every answer is right, only the trees grow into chains and each find walks one"
