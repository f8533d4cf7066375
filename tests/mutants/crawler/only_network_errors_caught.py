"""Only network errors and timeouts are caught around the call: any other exception from fetch escapes,
kills its worker, and the page is missing from the result (or the crawl never ends)."""

EXPECT = "test_errors_are_recorded_by_exception_type_name_and_never_stop_the_crawl"
PATCH = [("            except Exception as exc:  # a timeout or whatever",
          "            except OSError as exc:  # ConnectionError and TimeoutError are OSErrors; whatever")]
