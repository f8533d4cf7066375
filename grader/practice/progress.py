"""What the history means: best scores and times, totals, the streak, and what to practise next.

Pure functions over attempts and sessions, so they are tested without a database or a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from grader.catalog import DIFFICULTIES, Kata
from grader.practice.history import Attempt, SessionRecord

SPARK = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True)
class KataProgress:
    kata: str
    attempts: int
    best_score: int | None
    best_time_s: float | None
    """The shortest time into a timed session at which this kata reached 100."""
    last: Attempt | None

    @property
    def solved(self) -> bool:
        return self.best_score == 100


@dataclass(frozen=True)
class Stats:
    solved: list[str]
    started: list[str]
    untouched: list[str]
    practice_s: float
    streak_days: int


def per_kata(katas: list[Kata], attempts: list[Attempt]) -> dict[str, KataProgress]:
    progress = {}
    for kata in katas:
        mine = [a for a in attempts if a.kata == kata.name]
        solved_times = [a.elapsed_s for a in mine if a.score == 100 and a.elapsed_s is not None]
        progress[kata.name] = KataProgress(
            kata=kata.name,
            attempts=len(mine),
            best_score=max((a.score for a in mine), default=None),
            best_time_s=min(solved_times, default=None),
            last=mine[-1] if mine else None,
        )
    return progress


def sparkline(scores: list[int], width: int = 30) -> str:
    """Scores 0-100 as one line of block characters, the most recent last."""
    return "".join(SPARK[min(len(SPARK) - 1, score * len(SPARK) // 101)] for score in scores[-width:])


def streak(days_practised: set[date], today: date) -> int:
    """Consecutive days with practice ending today, or yesterday if today has none yet."""
    day = today if today in days_practised else today - timedelta(days=1)
    count = 0
    while day in days_practised:
        count += 1
        day -= timedelta(days=1)
    return count


def session_seconds(session: SessionRecord) -> float:
    if session.ended_at is None:
        return 0.0
    return max(0.0, (datetime.fromisoformat(session.ended_at) - datetime.fromisoformat(session.started_at))
               .total_seconds())


def stats(katas: list[Kata], attempts: list[Attempt], sessions: list[SessionRecord], today: date) -> Stats:
    progress = per_kata(katas, attempts)
    solved = [name for name, p in progress.items() if p.solved]
    started = [name for name, p in progress.items() if p.attempts and not p.solved]
    untouched = [name for name, p in progress.items() if not p.attempts]
    # Time in timed or watched sessions, plus grading time outside them: a floor, never a guess.
    practice = sum(session_seconds(s) for s in sessions) + sum(a.duration_s for a in attempts if a.session_id is None)
    days = {a.when.astimezone().date() for a in attempts}
    return Stats(solved, started, untouched, practice, streak(days, today))


def suggest_next(katas: list[Kata], attempts: list[Attempt]) -> list[tuple[Kata, str]]:
    """Katas in the order to practise them, each with the reason.

    Unsolved first (started ones before untouched, easier before harder), then solved katas whose
    last attempt failed or was slower than the suggested time, the longest-unseen first: a small
    spaced-repetition queue.
    """
    progress = per_kata(katas, attempts)
    rank = {d: i for i, d in enumerate(DIFFICULTIES)}
    unsolved, review, fresh = [], [], []
    for kata in katas:
        p = progress[kata.name]
        if not p.attempts:
            unsolved.append((1, rank.get(kata.difficulty, 9), "", kata, "not tried yet"))
        elif not p.solved:
            unsolved.append((0, rank.get(kata.difficulty, 9), p.last.at, kata,
                             f"best score so far {p.best_score}/100"))
        elif p.last.score < 100:
            review.append((p.last.at, kata, f"solved before, but the last attempt scored {p.last.score}/100"))
        elif p.last.elapsed_s is not None and p.last.elapsed_s > kata.minutes * 60:
            review.append((p.last.at, kata, f"solved, but slower than the suggested {kata.minutes} minutes"))
        else:
            fresh.append((p.last.at, kata, "solved: due for a refresher"))
    ordered = [(kata, why) for *_, kata, why in sorted(unsolved, key=lambda item: item[:3])]
    ordered += [(kata, why) for _, kata, why in sorted(review, key=lambda item: item[0])]
    ordered += [(kata, why) for _, kata, why in sorted(fresh, key=lambda item: item[0])]
    return ordered


def mock_round(katas: list[Kata], attempts: list[Attempt], minutes: float) -> list[Kata]:
    """Katas for a mock round: unsolved ones in suggested order, filling the time.

    A progressive kata (gated levels) is a whole round on its own, as in the real ones. When
    everything is solved, the round is made of refreshers in the same order.
    """
    ordered = [kata for kata, _ in suggest_next(katas, attempts)]
    solved = {name for name, p in per_kata(katas, attempts).items() if p.solved}
    pool = [kata for kata in ordered if kata.name not in solved] or ordered
    if pool and pool[0].gated:
        return [pool[0]]
    chosen, budget = [], minutes
    for kata in pool:
        if kata.gated:
            continue
        if kata.minutes <= budget or not chosen:
            chosen.append(kata)
            budget -= kata.minutes
    return chosen
