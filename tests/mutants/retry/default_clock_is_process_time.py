"""retry's clock defaults to time.process_time, which counts CPU time only: time spent waiting inside a call
does not count toward the deadline."""

EXPECT = "test_the_deadline_reads_a_real_monotonic_clock_by_default"
PATCH = [("    clock: Callable[[], float] = time.monotonic,\n) -> T:\n    \"\"\"Call fn()",
          "    clock: Callable[[], float] = time.process_time,\n) -> T:\n    \"\"\"Call fn()")]
SAYS = ["time.monotonic()"]
