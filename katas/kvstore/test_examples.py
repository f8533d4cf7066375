"""A few visible examples of level 1. Run them with `pytest katas/kvstore`; `grade kvstore` runs the
hidden tests of every level."""

from kvstore import KVStore


def test_get_returns_what_set_stored():
    store = KVStore()
    store.set("user:1", "name", "Ada")
    store.set("user:1", "lang", "en")
    assert store.get("user:1", "name") == "Ada"
    assert store.get("user:1", "lang") == "en"


def test_set_replaces_the_value():
    store = KVStore()
    store.set("user:1", "name", "Ada")
    store.set("user:1", "name", "Grace")
    assert store.get("user:1", "name") == "Grace"


def test_a_missing_field_or_key_reads_as_none():
    store = KVStore()
    store.set("user:1", "name", "Ada")
    assert store.get("user:1", "email") is None
    assert store.get("user:2", "name") is None


def test_delete_says_whether_the_field_was_there():
    store = KVStore()
    store.set("user:1", "name", "Ada")
    assert store.delete("user:1", "name") is True
    assert store.get("user:1", "name") is None
    assert store.delete("user:1", "name") is False
