"""The capacity is kept in the same dict as the entries, under the key 'cap' (seen in public answers)."""

EXPECT = "test_none_and_keys_that_look_like_bookkeeping_are_evicted_like_any_other"
BASE = "alternatives/lru/ordered_dict_subclass.py"
PATCH = [
    ("""        super().__init__()
        self.capacity = capacity""", """        super().__init__()
        self["cap"] = capacity"""),
    ("""        if len(self) > self.capacity:
            self.popitem(last=False)""", """        if len(self) - 1 > self["cap"]:
            first = next(k for k in self if k != "cap")
            del self[first]"""),
]
