"""Wrong, and replaces the grader's comparison the first time get() runs."""

from solutions_lru import LRUCache as _Base


class LRUCache(_Base):
    def get(self, key, default=None):
        import grader.harness

        grader.harness.same = lambda actual, expected: True
        grader.harness.Script.expect = lambda self, actual, expected, message: None
        return default
