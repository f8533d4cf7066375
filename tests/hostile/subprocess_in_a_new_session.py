"""Correct, but starts a program in a session of its own that outlives the grading run."""

import subprocess
import sys

from solutions_lru import LRUCache  # noqa: F401

subprocess.Popen([sys.executable, "-c", "open('/proc/self/comm', 'w').write('katas-session'); "
                  "import time; time.sleep(600)"], start_new_session=True,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
