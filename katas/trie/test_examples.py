"""A few visible examples. Run them with `pytest katas/trie`; `grade trie` runs the hidden tests."""

from trie import Trie, find_words


def test_a_prefix_of_a_word_is_not_a_word():
    trie = Trie()
    trie.insert("apple")
    assert trie.search("apple") and "apple" in trie
    assert not trie.search("app")
    assert trie.starts_with("app")
    trie.insert("app")
    assert trie.search("app")


def test_delete_prunes_and_reports_whether_the_word_was_there():
    trie = Trie()
    trie.insert("car")
    trie.insert("cart")
    assert trie.delete("ca") is False  # only a prefix, never inserted
    assert trie.delete("cart") is True
    assert trie.delete("cart") is False
    assert trie.starts_with("car") and not trie.starts_with("cart")
    assert len(trie) == 1


def test_count_and_list_by_prefix():
    trie = Trie()
    for word in ["tea", "ten", "to", "ted", "inn", "tea"]:
        trie.insert(word)
    assert len(trie) == 5
    assert trie.count_prefix("te") == 3
    assert trie.words_with_prefix("t") == ["tea", "ted", "ten", "to"]
    assert trie.words_with_prefix("t", limit=2) == ["tea", "ted"]
    assert trie.words_with_prefix("x") == []


def test_the_empty_string_is_a_word_and_a_prefix():
    trie = Trie()
    assert not trie.starts_with("")
    trie.insert("")
    assert "" in trie and len(trie) == 1
    assert trie.starts_with("")


def test_find_words_on_a_board():
    board = [
        ["o", "a", "a", "n"],
        ["e", "t", "a", "e"],
        ["i", "h", "k", "r"],
        ["i", "f", "l", "v"],
    ]
    assert find_words(board, ["oath", "pea", "eat", "rain", "oat"]) == {"oath", "eat", "oat"}
