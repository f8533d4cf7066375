"""A few visible examples of level 1. Run them with `pytest katas/versioned_store`; `grade versioned_store`
runs the hidden tests of every level."""

from versioned_store import VersionedStore


def test_get_returns_the_latest_version_at_or_before_the_time():
    store = VersionedStore()
    store.set("model", "gpt-a", 10)
    store.set("model", "gpt-c", 30)
    assert store.get("model", 10) == "gpt-a"
    assert store.get("model", 29) == "gpt-a"
    assert store.get("model", 30) == "gpt-c"
    assert store.get("model", 9) is None


def test_writes_may_arrive_out_of_order():
    store = VersionedStore()
    store.set("model", "gpt-c", 30)
    store.set("model", "gpt-a", 10)
    store.set("model", "gpt-b", 20)
    assert store.get("model", 25) == "gpt-b"
    assert store.get("model") == "gpt-c"


def test_a_second_write_at_the_same_timestamp_replaces_the_first():
    store = VersionedStore()
    store.set("model", "old", 5)
    store.set("model", "new", 5)
    assert store.get("model", 5) == "new"
    assert store.get("model") == "new"


def test_an_empty_string_is_a_value_and_an_unknown_key_reads_as_none():
    store = VersionedStore()
    store.set("note", "", 0)
    assert store.get("note", 0) == ""
    assert store.get("note") == ""
    assert store.get("other") is None
