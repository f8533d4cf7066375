"""Calls are awaited without a timeout: a page that never answers holds its worker forever."""

EXPECT = "test_a_call_that_does_not_answer_in_time_is_cancelled"
PATCH = [("page = await asyncio.wait_for(fetch(url), timeout)", "page = await fetch(url)")]
