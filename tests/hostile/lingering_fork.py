"""Correct, but leaves a forked process sleeping in its own session behind."""

import os
import time

from solutions_lru import LRUCache  # noqa: F401

if os.fork() == 0:
    os.setsid()
    time.sleep(600)
    os._exit(0)
