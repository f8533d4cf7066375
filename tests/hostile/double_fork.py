"""Correct, but double-forks a daemon (fork, setsid, fork, exit) that outlives the grading run."""

import os
import time

from solutions_lru import LRUCache  # noqa: F401

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        with open("/proc/self/comm", "w") as name:  # so the test can tell whether it survived
            name.write("katas-daemon")
        time.sleep(600)
    os._exit(0)
