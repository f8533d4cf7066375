"""Grading speed on this machine: the figures the issues ask for, measured the same way each time.

    python benchmarks/grade_speed.py [--runs 7]

- `grade lru` wall time (the whole command, cold: a new process for the CLI and one for the child),
  next to plain pytest start-up plus collection of the same hidden suite;
- the time to grade every kata's reference, one `grade KATA --reference` after another;
- in watch/practice mode, the time from a save to the new score, with the warm worker.
Not a test: timings depend on the machine and its load, so they are reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import catalog  # noqa: E402
from grader.practice.watcher import SaveWatcher  # noqa: E402
from grader.grading import WarmGrader  # noqa: E402


def wall(command: list[str], env: dict) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def median_of(runs: int, measure) -> tuple[float, float, float]:
    samples = [measure() for _ in range(runs)]
    return statistics.median(samples), min(samples), max(samples)


def save_to_score(kata: catalog.Kata, runs: int) -> list[float]:
    """Write the reference into a copy of the kata folder and time until the warm worker's report is back."""
    samples = []
    with tempfile.TemporaryDirectory() as scratch, WarmGrader() as warm:
        folder = Path(scratch) / "katas" / kata.name
        shutil.copytree(kata.folder, folder)
        original_dir = catalog.KATAS_DIR
        catalog.KATAS_DIR = Path(scratch) / "katas"
        try:
            watcher = SaveWatcher()
            watcher(kata, 0.05)  # start watching before the first save
            source = kata.reference.read_text(encoding="utf-8")
            warm.grade(kata, kata.work_file)  # the worker's first fork
            for run in range(runs):
                time.sleep(1.0)  # people save seconds apart: the worker's standbys are ready by then
                saved = time.perf_counter()
                kata.work_file.write_text(source + f"\n# save {run}\n", encoding="utf-8")
                while not watcher(kata, 0.05):
                    pass
                report = warm.grade(kata, kata.work_file)
                samples.append(time.perf_counter() - saved)
                assert report.score == 100, report.problem
        finally:
            catalog.KATAS_DIR = original_dir
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    env = {**os.environ, "KATAS_DATA_DIR": tempfile.mkdtemp(prefix="katas-bench-")}
    grade = [sys.executable, "-m", "grader"]
    load = os.getloadavg()[0]
    print(f"machine: {os.cpu_count()} cores, load average {load:.2f}, Python {sys.version.split()[0]}, {runs} runs")

    lru = catalog.find("lru")
    rows = [
        ("grade lru (the untouched stub)", median_of(runs, lambda: wall(grade + ["lru"], env))),
        ("grade lru --reference", median_of(runs, lambda: wall(grade + ["lru", "--reference"], env))),
        ("pytest start-up + collection of the lru suite", median_of(runs, lambda: wall(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", str(lru.suite)],
            {**env, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}))),
    ]
    for label, (middle, low, high) in rows:
        print(f"{label:<50} median {middle:.2f} s   (min {low:.2f}, max {high:.2f})")

    total = 0.0
    for kata in catalog.all_katas():
        took = wall(grade + [kata.name, "--reference"], env)
        total += took
        print(f"  grade {kata.name} --reference{'':<{24 - len(kata.name)}} {took:.2f} s")
    print(f"{'every reference, one after another':<50} {total:.2f} s")

    samples = save_to_score(lru, runs)
    print(f"{'lru: save to new score, warm worker':<50} median {statistics.median(samples):.2f} s   "
          f"(min {min(samples):.2f}, max {max(samples):.2f})")


if __name__ == "__main__":
    main()
