"""max_pages is compared with the number of results, which grows only when fetches finish: a page's links
are all queued before any of them counts, so far more than max_pages URLs get fetched."""

EXPECT = "test_max_pages_caps_the_urls_fetched"
PATCH = [("        if url not in seen and len(seen) < max_pages:\n",
          "        if url not in seen and len(results) < max_pages:\n")]
