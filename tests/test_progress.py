"""What the history means: bests, totals, the streak, what to practise next, and mock rounds."""

from __future__ import annotations

from datetime import date

from grader import catalog
from grader.practice import progress
from grader.practice.history import Attempt, SessionRecord


def kata(name, minutes=30, difficulty="medium", gated=False):
    return catalog.Kata(name=name, title=name.title(), difficulty=difficulty, minutes=minutes, topic="",
                        levels=("one",), gated=gated, asyncio=False)


def attempt(name, score, at, elapsed=None, session=None):
    return Attempt(kata=name, at=at, duration_s=1.0, score=score, status="passed" if score == 100 else "failed",
                   elapsed_s=elapsed, session_id=session)


LRU, TRIE, KV, UF = kata("lru", 25, "easy"), kata("trie", 35), kata("kvstore", 90, "hard", gated=True), kata("uf")


def test_best_score_and_best_time_come_from_the_attempts():
    attempts = [attempt("lru", 40, "2026-11-01T10:00:00+00:00"), attempt("lru", 100, "2026-11-02T10:00:00+00:00", 900),
                attempt("lru", 100, "2026-11-03T10:00:00+00:00", 600), attempt("lru", 80, "2026-11-04T10:00:00+00:00")]
    result = progress.per_kata([LRU, TRIE], attempts)
    assert (result["lru"].best_score, result["lru"].best_time_s, result["lru"].attempts) == (100, 600, 4)
    assert result["trie"].best_score is None and not result["trie"].solved


def test_the_streak_counts_consecutive_days_up_to_today_or_yesterday():
    days = {date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 25), date(2026, 11, 20)}
    assert progress.streak(days, date(2026, 11, 25)) == 3
    assert progress.streak(days, date(2026, 11, 26)) == 3
    assert progress.streak(days, date(2026, 11, 27)) == 0


def test_stats_split_katas_and_add_up_practice_time():
    attempts = [attempt("lru", 100, "2026-11-25T10:00:00+00:00"), attempt("trie", 30, "2026-11-25T11:00:00+00:00", 60, 1)]
    sessions = [SessionRecord(1, "practice", ["trie"], "2026-11-25T11:00:00+00:00", "2026-11-25T11:20:00+00:00", 35,
                        False, "time_up")]
    summary = progress.stats([LRU, TRIE, UF], attempts, sessions, date(2026, 11, 25))
    assert (summary.solved, summary.started, summary.untouched) == (["lru"], ["trie"], ["uf"])
    assert summary.practice_s == 20 * 60 + 1.0  # the session, plus grading time outside sessions
    assert summary.streak_days >= 1


def test_next_puts_started_katas_first_then_untouched_then_reviews():
    attempts = [
        attempt("lru", 100, "2026-11-01T10:00:00+00:00", 2000),  # solved but slower than its 25 minutes
        attempt("trie", 60, "2026-11-02T10:00:00+00:00"),
    ]
    order = [(k.name, why) for k, why in progress.suggest_next([LRU, TRIE, KV, UF], attempts)]
    assert [name for name, _ in order] == ["trie", "uf", "kvstore", "lru"]
    assert "60/100" in order[0][1] and "slower" in order[-1][1]


def test_a_mock_round_is_a_progressive_kata_alone_or_unsolved_katas_that_fit():
    assert progress.mock_round([KV, LRU, TRIE], [], 90) == [LRU, TRIE]
    solved_small = [attempt("lru", 100, "2026-11-01T10:00:00+00:00"), attempt("trie", 100, "2026-11-01T11:00:00+00:00")]
    assert progress.mock_round([KV, LRU, TRIE], solved_small, 90) == [KV]
    assert progress.mock_round([LRU, TRIE], [], 30) == [LRU]


def test_the_sparkline_maps_scores_to_blocks():
    assert progress.sparkline([0, 50, 100]) == "▁▄█"
