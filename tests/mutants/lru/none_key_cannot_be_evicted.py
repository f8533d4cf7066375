"""Eviction takes `next(iter(...), None)` and skips None as "nothing to evict", so a None key is never evicted."""

EXPECT = "test_none_and_keys_that_look_like_bookkeeping_are_evicted_like_any_other"
BASE = "alternatives/lru/ordered_dict_subclass.py"
PATCH = [
    ("""        if len(self) > self.capacity:
            self.popitem(last=False)""", """        if len(self) > self.capacity:
            oldest = next(iter(self), None)
            if oldest is not None:
                del self[oldest]"""),
]
