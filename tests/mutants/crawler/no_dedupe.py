"""The frontier does not remember the URLs already queued: a URL linked twice, or reached again through a
cycle, is fetched again (the result just overwrites the earlier entry)."""

EXPECT = "test_each_url_is_fetched_once"
PATCH = [
    ("        if url not in seen and len(seen) < max_pages:\n            seen.add(url)\n",
     "        if len(seen) < max_pages:\n            seen.add(url)\n"),
]
