"""Links are resolved with urljoin but their #fragment is kept, so 'intro#part-2' and 'intro' are fetched
as two pages, and '#top' makes the page fetch itself again."""

EXPECT = "test_links_are_resolved_against_the_page_and_fragments_dropped"
PATCH = [("absolute = urldefrag(urljoin(url, link)).url", "absolute = urljoin(url, link)")]
