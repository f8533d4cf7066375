"""Practice sessions driven by a fake clock and simulated saves: no files, no waiting."""

from __future__ import annotations

from grader import catalog
from grader.report import LevelScore, Report, Status
import threading

from grader.practice.loop import ALREADY_SOLVED, INTERRUPTED, SOLVED, TIME_UP, PracticeLoop


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def report(kata, score):
    status = Status.PASSED if score == 100 else (Status.NOT_STARTED if score == 0 else Status.FAILED)
    return Report(kata=kata.name, file="x.py", seed=0, status=status, score=score, duration_s=0.5,
                  levels=[LevelScore(1, "one", score, score, 100)])


class Scripted:
    """Saves happen at given times with given scores; waiting advances the fake clock."""

    def __init__(self, clock, saves, interrupt_at=None):
        self.clock = clock
        self.saves = list(saves)  # (time, score) pairs, in order
        self.interrupt_at = interrupt_at
        self.scores = {}  # each kata's file scores 0 until a save changes it
        self.recorded = []

    def grade(self, kata):
        return report(kata, self.scores.get(kata.name, 0))

    def wait_for_save(self, kata, timeout):
        if self.interrupt_at is not None and self.clock.now + timeout >= self.interrupt_at:
            raise KeyboardInterrupt
        if self.saves and self.saves[0][0] <= self.clock.now + timeout:
            self.clock.now, self.scores[kata.name] = self.saves.pop(0)
            return True
        self.clock.now += timeout
        return False

    def record(self, kata, result, elapsed):
        self.recorded.append((kata.name, result.score, elapsed))


def session(kind, katas, minutes, driver, clock, **seams):
    return PracticeLoop(kind, katas, minutes=minutes, interview=False, grade=driver.grade,
                        wait_for_save=driver.wait_for_save, record=driver.record, clock=clock, background=False,
                        **seams)


LRU, RETRY = catalog.find("lru"), catalog.find("retry")


def test_a_practice_session_ends_when_a_save_reaches_100_and_records_every_grade():
    clock = FakeClock()
    driver = Scripted(clock, [(1060.0, 40), (1300.5, 100)])
    state = session("practice", [LRU], 25, driver, clock).run()
    assert state.outcome == SOLVED
    assert driver.recorded == [("lru", 0, 0.0), ("lru", 40, 60.0), ("lru", 100, 300.5)]
    assert state.run.best_score == 100 and state.run.regrades == 3


def test_a_practice_session_ends_when_time_is_up():
    clock = FakeClock()
    driver = Scripted(clock, [(1030.0, 70)])
    state = session("practice", [LRU], 2, driver, clock).run()
    assert state.outcome == TIME_UP
    assert clock.now == 1000.0 + 120
    assert state.run.best_score == 70 and state.time_left(clock.now) == 0


def test_ctrl_c_ends_a_session_as_interrupted():
    clock = FakeClock()
    driver = Scripted(clock, [], interrupt_at=1010.0)
    assert session("practice", [LRU], 25, driver, clock).run().outcome == INTERRUPTED


def test_a_mock_round_moves_to_the_next_kata_once_one_is_solved():
    clock = FakeClock()
    driver = Scripted(clock, [(1100.0, 100), (1200.0, 100)])
    state = session("mock", [LRU, RETRY], 90, driver, clock).run()
    assert state.outcome == SOLVED
    assert [(name, score) for name, score, _ in driver.recorded] == [("lru", 0), ("lru", 100), ("retry", 0),
                                                                      ("retry", 100)]


def test_watch_keeps_going_after_100_until_interrupted():
    clock = FakeClock()
    driver = Scripted(clock, [(1010.0, 100), (1020.0, 90)], interrupt_at=1100.0)
    state = session("watch", [LRU], None, driver, clock).run()
    assert state.outcome == INTERRUPTED
    assert [score for _, score, _ in driver.recorded] == [0, 100, 90]
    assert state.time_left(clock.now) is None


def test_the_level_shown_is_the_first_one_not_yet_full():
    clock = FakeClock()
    driver = Scripted(clock, [])
    run = session("practice", [LRU], 1, driver, clock).state.run
    assert run.level == 1
    run.report = Report(kata="lru", file="x", seed=0, status=Status.FAILED, score=50, duration_s=0,
                        levels=[LevelScore(1, "a", 100, 10, 10), LevelScore(2, "b", 0, 0, 10)])
    assert run.level == 2


def test_practice_on_a_file_that_already_scores_100_refuses_and_records_nothing():
    clock = FakeClock()
    driver = Scripted(clock, [])
    driver.scores["lru"] = 100
    state = session("practice", [LRU], 25, driver, clock).run()
    assert state.outcome == ALREADY_SOLVED and driver.recorded == []


def test_a_mock_round_skips_a_kata_already_solved_before_it_began():
    clock = FakeClock()
    driver = Scripted(clock, [(1100.0, 100)])
    driver.scores["lru"] = 100
    state = session("mock", [LRU, RETRY], 90, driver, clock).run()
    assert state.outcome == SOLVED
    assert [(name, score) for name, score, _ in driver.recorded] == [("retry", 0), ("retry", 100)]
    assert state.notes == ["lru already scored 100 when the round began"]


def test_passing_a_level_of_a_gated_kata_announces_the_next_statement_once():
    kvstore = catalog.find("kvstore")
    clock = FakeClock()
    announced = []

    class Levels(Scripted):
        def grade(self, kata):
            passed = self.scores.get(kata.name, 0)  # how many levels pass
            levels = [LevelScore(n, "x", 100 if n <= passed else 0, 10 if n <= passed else 0, 10) for n in (1, 2, 3, 4)]
            return Report(kata=kata.name, file="x.py", seed=0, status=Status.FAILED, score=25 * passed,
                          duration_s=0.1, levels=levels)

    driver = Levels(clock, [(1010.0, 1), (1020.0, 1), (1030.0, 2)], interrupt_at=1100.0)
    session("watch", [kvstore], None, driver, clock, announce=lambda kata, level: announced.append(level)).run()
    assert announced == [2, 3]


def test_a_save_while_a_regrade_runs_cancels_it_and_shows_grading_at_once():
    """Real threads: the first regrade hangs until it is cancelled; the save's regrade is the one recorded."""
    cancelled, hung = threading.Event(), threading.Event()
    recorded, shown = [], []

    def grade(kata):
        if not hung.is_set():
            hung.set()
            cancelled.wait(10)
            return Report(kata=kata.name, file="x.py", seed=0, status=Status.INTERRUPTED, score=0, duration_s=0)
        return report(kata, 100)

    saves = iter([False, True])

    def wait_for_save(kata, timeout):
        hung.wait(10)
        return next(saves, False)

    loop = PracticeLoop("practice", [LRU], minutes=25, interview=False, grade=grade, wait_for_save=wait_for_save,
                        record=lambda kata, result, elapsed: recorded.append(result.score), cancel=cancelled.set,
                        show=lambda state: shown.append(state.run.grading))
    state = loop.run()
    assert cancelled.is_set() and recorded == [100] and state.outcome == SOLVED
    assert shown[0] is True  # "grading..." from the first moment
