"""A few visible examples. Run them with `pytest katas/union_find`; `grade union_find` runs the hidden tests."""

import pytest

from union_find import UnionFind


def test_union_connects_and_is_transitive():
    uf = UnionFind(["a", "b", "c", "d"])
    assert uf.union("a", "b") is True
    assert uf.union("b", "c") is True
    assert uf.connected("a", "c")
    assert not uf.connected("a", "d")
    assert uf.find("a") == uf.find("c") != uf.find("d")


def test_union_of_connected_elements_returns_false():
    uf = UnionFind()
    assert uf.union(1, 2) is True
    assert uf.union(2, 1) is False
    assert uf.components == 1


def test_sizes_counts_and_length():
    uf = UnionFind(range(5))
    uf.union(0, 1)
    uf.union(1, 2)
    assert uf.size(0) == 3 and uf.size(4) == 1
    assert uf.components == 3
    assert len(uf) == 5 and 4 in uf and 5 not in uf


def test_unknown_elements():
    uf = UnionFind(["a"])
    with pytest.raises(KeyError):
        uf.find("z")
    assert uf.connected("a", "z") is False
    assert "z" not in uf
