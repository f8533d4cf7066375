"""Correct answers, but find never compresses paths and union always links a's root under b's.

Unions done in the right order build a chain, and every find walks all of it: O(n) per find."""

BASE = "alternatives/union_find/path_compression_only.py"
EXPECT = "test_operations_stay_near_constant_time_on_adversarial_unions"
PATCH = [
    (
        """        path = []
        while parent[x] != x:
            path.append(x)
            x = parent[x]
        for node in path:
            parent[node] = x
        return x
""",
        """        while parent[x] != x:
            x = parent[x]
        return x
""",
    ),
]
BEYOND_THE_MODEL = "speed: every answer is right, only the trees grow into chains and each find walks one"
