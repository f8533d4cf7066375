"""get() loops forever and swallows every exception, including the grader's alarm."""

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def get(self, key, default=None):
        while True:
            try:
                while True:
                    pass
            except BaseException:
                pass
