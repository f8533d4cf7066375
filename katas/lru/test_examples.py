"""A few visible examples. Run them with `pytest katas/lru`; `grade lru` runs the hidden tests."""

import pytest

from lru import LRUCache


def test_the_least_recently_used_key_is_evicted():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.get("b") == 2 and cache.get("c") == 3


def test_get_makes_a_key_recently_used():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)
    assert "a" in cache and "b" not in cache


def test_a_missing_key_gives_the_default():
    cache = LRUCache(1)
    assert cache.get("nope") is None
    assert cache.get("nope", 0) == 0


def test_capacity_must_be_positive():
    with pytest.raises(ValueError):
        LRUCache(0)
