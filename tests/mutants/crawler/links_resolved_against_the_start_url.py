"""Relative links are resolved against the start URL instead of the page they appear on, so 'intro' on
/docs/ becomes /intro instead of /docs/intro."""

EXPECT = "test_links_are_resolved_against_the_page_and_fragments_dropped"
PATCH = [("absolute = urldefrag(urljoin(url, link)).url", "absolute = urldefrag(urljoin(starts[0], link)).url")]
