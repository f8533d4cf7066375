"""The `grade` command as a user meets it: every path, its output, and its exit code."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import KATA_NAMES
from grader import catalog
from grader.cli.commands import common
from grader.cli.app import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_PASSED, EXIT_USAGE, app, run


runner = CliRunner()


def grade(*args: str, width: int = 120) -> subprocess.CompletedProcess:
    """`grade ARGS` in this process, through typer's CliRunner: what a user would see, without a new interpreter."""
    sizes = [(console, console.size) for console in (common.console, common.errors)]
    with runner.isolation(env={"COLUMNS": str(width)}) as (stdout, stderr, _):
        for console, _size in sizes:
            console.size = (width, 40)  # the consoles read the terminal's width once, when they are made
        try:
            run(list(args))
            code = 0
        except SystemExit as exit:
            code = exit.code
        finally:
            for console, size in sizes:
                console.size = size
        return subprocess.CompletedProcess(["grade", *args], code, stdout.getvalue().decode(),
                                           stderr.getvalue().decode())


def grade_process(*args: str) -> subprocess.CompletedProcess:
    """`grade ARGS` as a real process, where the process is the point (the entry point, exit codes, signals)."""
    return subprocess.run([sys.executable, "-m", "grader", *args], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "120"})


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == EXIT_USAGE
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_grade_alone_lists_the_katas_and_starts_with_the_kata_grade_next_picks():
    from grader.practice import progress

    result = grade()
    assert result.returncode == 0
    for name in KATA_NAMES:
        assert name in result.stdout
    first = progress.suggest_next(catalog.all_katas(), [])[0][0].name
    assert f"Start with katas/{first}/README.md" in " ".join(result.stdout.split())
    assert "Next: " + first in grade("next").stdout


def test_list_shows_every_kata_with_title_difficulty_minutes_and_levels():
    result = grade("list", width=250)
    assert result.returncode == 0
    for kata in catalog.all_katas():
        assert kata.name in result.stdout and kata.title in result.stdout and kata.difficulty in result.stdout
        assert " → ".join(kata.levels) in result.stdout


def test_list_at_80_columns_gives_each_kata_its_number_of_levels():
    lines = grade("list", width=80).stdout.splitlines()
    for kata in catalog.all_katas():
        row = next(line for line in lines if line.split() and line.split()[0] == kata.name)
        assert row.split()[-1] == str(len(kata.levels))


def test_the_reference_passes_with_exit_code_0():
    result = grade_process("lru", "--reference")
    assert result.returncode == EXIT_PASSED
    assert "Score 100/100" in result.stdout and "passed" in result.stdout


def test_the_untouched_stub_says_where_to_start_with_exit_code_1():
    result = grade_process("lru")
    assert result.returncode == EXIT_FAILED
    assert "not started" in result.stdout.replace("_", " ")
    assert "Start here" in result.stdout


def test_json_output_is_one_object_with_the_documented_fields(tmp_path):
    result = grade("lru", "--reference", "--json")
    assert result.returncode == EXIT_PASSED
    report = json.loads(result.stdout)
    assert {"kata", "score", "status", "duration_s", "levels", "tests"} <= set(report)
    assert (report["kata"], report["score"], report["status"]) == ("lru", 100, "passed")
    assert all({"level", "name", "score", "points", "max_points"} <= set(level) for level in report["levels"])
    assert all({"id", "level", "points", "status", "message"} <= set(test) for test in report["tests"])


def test_a_failing_file_exits_1_and_shows_the_failed_property_with_a_replayable_case(tmp_path):
    source = catalog.find("lru").reference.read_text().replace(
        "        self._unlink(node)\n        self._append(node)\n        return node.value", "        return node.value")
    target = tmp_path / "mine.py"
    target.write_text(source)
    result = grade("lru", "--file", str(target))
    assert result.returncode == EXIT_FAILED
    assert "get refreshes recency" in result.stdout
    assert "cache = LRUCache(2)" in result.stdout and "cache.get(0)" in result.stdout
    assert "Traceback" not in result.stdout


def test_the_same_file_graded_twice_gets_the_same_report(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text(catalog.find("lru").reference.read_text().replace(
        "if len(self._nodes) == self.capacity:", "if len(self._nodes) > self.capacity:"))
    first, second = (json.loads(grade("lru", "--file", str(target), "--json").stdout) for _ in range(2))
    first.pop("duration_s"), second.pop("duration_s")
    assert first == second and first["score"] < 100


def test_verbose_shows_the_users_own_frames_and_output(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text(catalog.find("lru").reference.read_text().replace(
        "        node = self._nodes.get(key)\n        if node is None:\n            return default",
        "        print('looking up', key)\n        node = self._nodes[key]"))
    quiet = grade("lru", "--file", str(target))
    loud = grade("lru", "--file", str(target), "--verbose")
    assert "Where it happened in your code" not in quiet.stdout
    assert "Where it happened in your code" in loud.stdout and str(target) in loud.stdout.replace("\n", "")
    assert "looking up" in loud.stdout
    assert "grader/" not in loud.stdout.split("Where it happened")[1].split("╰")[0]


def test_seed_changes_nothing_for_a_correct_solution_and_is_reported():
    result = json.loads(grade("lru", "--reference", "--json", "--seed", "7").stdout)
    assert (result["score"], result["seed"]) == (100, 7)


def test_an_unknown_kata_suggests_the_closest_name():
    line = one_line_error(grade("lur"))
    assert "no kata named 'lur'" in line and "Did you mean 'lru'?" in line


def test_an_unknown_kata_with_nothing_close_points_to_the_list():
    assert "grade list" in one_line_error(grade("zzzzzz"))


def test_a_missing_file_is_a_usage_error(tmp_path):
    assert "There is no file at" in one_line_error(grade("lru", "--file", str(tmp_path / "nope.py")))


def test_a_directory_or_a_device_is_named_for_what_it_is(tmp_path):
    assert "is a folder, not a Python file" in one_line_error(grade("lru", "--file", str(tmp_path)))
    assert "is not a regular file" in one_line_error(grade("lru", "--file", "/dev/null"))


def test_a_mistyped_option_suggests_the_right_one_and_only_a_close_one():
    assert "Did you mean --json?" in one_line_error(grade("lru", "--jsn"))
    line = one_line_error(grade("lru", "--bogus"))
    assert "No such option: --bogus" in line and "--verbose" not in line and "Did you mean" not in line


@pytest.mark.parametrize("minutes", ["inf", "1e308", "0", "601", "nan"])
def test_minutes_outside_1_to_600_are_refused_in_one_line(minutes):
    assert "--minutes" in one_line_error(grade("practice", "lru", "--minutes", minutes))


def test_a_binary_file_is_named_as_such(tmp_path):
    target = tmp_path / "lru.py"
    target.write_bytes(b"\x00\x01\x7fELF\x02binary")
    result = json.loads(grade("lru", "--file", str(target), "--json").stdout)
    assert result["status"] == "error" and "not Python source text" in result["problem"]


def test_a_tests_title_spells_python_values_as_the_code_does():
    titles = [t["title"] for t in json.loads(grade("lru", "--reference", "--json").stdout)["tests"]]
    assert "a stored None is a value" in titles


def test_the_report_says_that_prints_are_captured_and_where_to_see_them(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text(catalog.find("lru").reference.read_text().replace(
        "    def __len__(self) -> int:\n", "    def __len__(self) -> int:\n        print('len called')\n"))
    quiet = grade("lru", "--file", str(target))
    assert "grade lru --verbose shows them" in " ".join(quiet.stdout.split())
    assert "len called" not in quiet.stdout


@pytest.mark.parametrize("args", [["lru", "--seed", "-1"], ["lru", "--seed", "x"]])
def test_a_bad_seed_is_a_usage_error(args):
    assert "--seed" in one_line_error(grade(*args))


def test_file_and_reference_together_are_refused(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text("")
    assert "use one of them" in one_line_error(grade("lru", "--file", str(target), "--reference"))


def test_every_command_has_help():
    result = grade_process("--help")
    assert result.returncode == 0
    import typer.main

    group = typer.main.get_command(app)
    for name in group.list_commands(None):
        command = group.get_command(None, name)
        assert command.help and command.help.strip(), f"'grade {name}' has no help"
        assert grade(name, "--help").returncode == 0


def test_the_grade_help_explains_the_options_without_type_tags():
    result = grade("lru", "--help", width=80)
    assert result.returncode == 0
    for option in ("--file", "--reference", "--json", "--seed", "--verbose"):
        assert option in result.stdout
    assert "Usage: grade KATA [OPTIONS]" in result.stdout
    assert "<bool>" not in result.stdout and "grade kata" not in result.stdout and "{KATA}" not in result.stdout


def test_shell_completion_offers_the_katas_and_the_commands(monkeypatch):
    words = completions(monkeypatch, "grade u")
    assert "union_find" in words
    assert "lru" in completions(monkeypatch, "grade hint l")
    assert {"list", "lru"} <= set(completions(monkeypatch, "grade l"))


def completions(monkeypatch, line: str) -> list[str]:
    words = line.split(" ")
    monkeypatch.setenv("_GRADE_COMPLETE", "complete_bash")
    monkeypatch.setenv("COMP_WORDS", line)
    monkeypatch.setenv("COMP_CWORD", str(len(words) - 1))
    result = grade()
    return result.stdout.split()


def test_the_readme_documents_every_command():
    import typer.main

    readme = (catalog.ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    for name in group.list_commands(None):
        assert f"`grade {name}" in readme, f"README.md does not mention grade {name}"


LEVEL_ONE_ONLY = """
class KVStore:
    def __init__(self):
        self.data = {}

    def set(self, key, field, value):
        self.data.setdefault(key, {})[field] = value

    def get(self, key, field):
        return self.data.get(key, {}).get(field)

    def delete(self, key, field):
        return self.data.get(key, {}).pop(field, None) is not None
""" + "".join(f"""
    def {name}(self, *args):
        raise NotImplementedError
""" for name in ["scan", "scan_by_prefix", "set_at", "set_at_with_ttl", "get_at", "delete_at", "scan_at",
                 "scan_by_prefix_at", "backup", "restore"])


def test_passing_a_level_of_a_progressive_kata_reveals_the_next_statement(tmp_path):
    """Level 1 only: the report unlocks level 2, shows its statement, and keeps the later levels hidden."""
    target = tmp_path / "kvstore.py"
    target.write_text(LEVEL_ONE_ONLY)
    result = grade("kvstore", "--file", str(target))
    assert result.returncode == EXIT_FAILED
    statement = (catalog.find("kvstore").folder / "levels" / "2.md").read_text()
    first_words = next(line for line in statement.splitlines() if line.strip() and not line.startswith("#"))
    assert "Level 2 unlocked" in result.stdout
    assert " ".join(first_words.split()[:3]) in " ".join(result.stdout.split())
    assert "Level 3 unlocked" not in result.stdout


GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_CASES = {
    "passed": lambda folder: catalog.find("lru").reference.read_text(),
    "failed": lambda folder: catalog.find("lru").reference.read_text().replace(
        "        self._unlink(node)\n        self._append(node)\n        return node.value", "        return node.value"),
    "error": lambda folder: "class LRUCache:\n    def get(self, key):\n        return None\n",
    "not_started": lambda folder: catalog.find("lru").work_file.read_text(),
}


@pytest.mark.parametrize("case", GOLDEN_CASES)
def test_the_json_report_matches_its_golden_file(case, tmp_path):
    """The --json schema is an interface (docs/json-report.md). KATAS_UPDATE_GOLDEN=1 rewrites the files."""
    target = tmp_path / "lru.py"
    target.write_text(GOLDEN_CASES[case](tmp_path))
    result = grade("lru", "--file", str(target), "--json")
    assert json.loads(result.stdout)["file"] == str(target.resolve())
    report = json.loads(result.stdout.replace(json.dumps(str(target.resolve()))[1:-1], "lru.py"))
    report["duration_s"] = 0.0
    golden = GOLDEN / f"{case}.json"
    if os.environ.get("KATAS_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert report == json.loads(golden.read_text(encoding="utf-8"))
    assert report["status"] == case and result.returncode == (EXIT_PASSED if case == "passed" else EXIT_FAILED)


HANGS = catalog.find("lru").reference.read_text().replace(
    "        if capacity < 1:", "        while True:\n            pass\n        if capacity < 1:")


def children_of(pid: int) -> list[int]:
    """Grading children started by the grade process `pid` (they carry its pid in their environment)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and f"KATAS_GRADER_PID={pid}".encode() in (entry / "environ").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_ctrl_c_or_a_closed_terminal_stops_grading_at_once_and_leaves_nothing(signum, tmp_path):
    import tempfile

    target = tmp_path / "lru.py"
    target.write_text(HANGS)
    process = subprocess.Popen([sys.executable, "-m", "grader", "lru", "--file", str(target)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env={**os.environ, "COLUMNS": "120"})
    deadline = time.monotonic() + 60
    while len(children_of(process.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(2.0)  # both children are running the hung tests now
    sent = time.monotonic()
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=30)
    took = time.monotonic() - sent
    assert process.returncode == EXIT_INTERRUPTED
    assert stderr.strip().splitlines() == ["interrupted: grading stopped; nothing was recorded."], (signum, took, stderr, stdout[-500:])
    assert "Traceback" not in stdout + stderr
    assert took < 3.0, f"grading took {took:.2f} s to stop"  # 0.1-0.3 s on an idle machine
    assert children_of(process.pid) == []
    assert list(Path(tempfile.gettempdir()).glob(f"katas-grade-{process.pid}-*")) == []
    from grader.practice.history import History

    assert History().attempts() == []


def test_a_counterexample_too_wide_for_the_box_is_printed_whole_below_it(tmp_path):
    target = tmp_path / "lru.py"
    target.write_text(catalog.find("lru").reference.read_text().replace(
        "        self._unlink(node)\n        self._append(node)\n        return node.value", "        return node.value"))
    narrow = grade("lru", "--file", str(target), width=20).stdout
    flat = " ".join(narrow.replace("│", " ").split())  # the panel folds its own words at 20 columns
    assert "below the box" in flat and "\ncache.get(0)\n" in narrow  # whole lines, outside the box
    wide = grade("lru", "--file", str(target), width=120).stdout
    assert "below the box" not in wide and "│ cache.get(0)" in wide
