"""A separate size counter is bumped on every insert() call, before checking whether the word is new."""

BASE = "alternatives/trie/recursive_nested_nodes.py"
EXPECT = "test_inserting_a_word_twice_stores_it_once"
PATCH = [
    (
        """        self.root = Node()

""",
        """        self.root = Node()
        self.size = 0

""",
    ),
    (
        """    def insert(self, word):
        if self.search(word):
""",
        """    def insert(self, word):
        self.size += 1
        if self.search(word):
""",
    ),
    (
        """        self._delete(self.root, word, 0)
        return True
""",
        """        self._delete(self.root, word, 0)
        self.size -= 1
        return True
""",
    ),
    (
        """        return self.root.words
""",
        """        return self.size
""",
    ),
]
