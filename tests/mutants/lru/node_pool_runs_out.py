"""Nodes come from a pool allocated up front and evicted nodes are never returned to it, so after 4,096
puts of new keys the pool runs out and put raises IndexError."""

EXPECT = "test_operations_stay_constant_time_as_the_cache_grows"
BEYOND_THE_MODEL = "size: the pool runs out after 4,096 puts, far past any model run"
# A speed check whose code raises must name the call, not print a bare error.
SAYS = ["LRUCache.put", "raised IndexError", "while timing your code"]
PATCH = [
    ("        self._sentinel = _Node()\n",
     "        self._sentinel = _Node()\n        self._pool = [_Node() for _ in range(4096)]\n        self._used = 0\n"),
    ("        node = _Node(key, value)\n",
     "        node = self._pool[self._used]\n        self._used += 1\n        node.key, node.value = key, value\n"),
]
