"""Correct, but leaves a forked process sleeping in its own session behind."""

import os
import time

from solutions_lru import LRUCache  # noqa: F401

if os.fork() == 0:
    os.setsid()
    with open("/proc/self/comm", "w") as name:  # so the test can tell whether it survived
        name.write("katas-lingering")
    time.sleep(600)
    os._exit(0)
