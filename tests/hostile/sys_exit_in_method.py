"""get() calls sys.exit()."""

import sys

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def get(self, key, default=None):
        sys.exit(0)
