"""Finding katas: every folder under katas/ with a kata.toml is one, and its files follow one convention.

katas/<name>/kata.toml       metadata (title, difficulty, minutes, topic, levels, gated)
katas/<name>/<name>.py       the stub the user edits
solutions/<name>.py          the reference solution
grader/suites/test_<name>.py the hidden suite
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
KATAS_DIR = ROOT / "katas"
SOLUTIONS_DIR = ROOT / "solutions"
SUITES_DIR = Path(__file__).resolve().parent / "suites"

DIFFICULTIES = ("easy", "medium", "hard")


class UnknownKata(LookupError):
    def __init__(self, name: str, suggestion: str | None):
        self.name = name
        self.suggestion = suggestion
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"There is no kata named '{name}'.{hint} Run 'grade list' to see them all.")


@dataclass(frozen=True)
class Kata:
    name: str
    title: str
    difficulty: str
    minutes: int
    topic: str
    levels: tuple[str, ...]
    gated: bool
    """Progressive katas: a level's points count only once every earlier level passes."""
    asyncio: bool
    """The hidden suite needs pytest-asyncio."""
    hints: tuple[str, ...] = ()

    @property
    def folder(self) -> Path:
        return KATAS_DIR / self.name

    @property
    def work_file(self) -> Path:
        return self.folder / f"{self.name}.py"

    @property
    def reference(self) -> Path:
        return SOLUTIONS_DIR / f"{self.name}.py"

    @property
    def suite(self) -> Path:
        return SUITES_DIR / f"test_{self.name}.py"

    def level_statement(self, level: int) -> Path | None:
        """Progressive katas keep each later level's statement apart, to be revealed when it unlocks."""
        path = self.folder / "levels" / f"{level}.md"
        return path if path.is_file() else None

    def level_name(self, level: int) -> str:
        return self.levels[level - 1] if 0 < level <= len(self.levels) else f"Level {level}"


def _load(folder: Path) -> Kata:
    meta = tomllib.loads((folder / "kata.toml").read_text(encoding="utf-8"))
    return Kata(
        name=folder.name,
        title=meta["title"],
        difficulty=meta["difficulty"],
        minutes=int(meta["minutes"]),
        topic=meta.get("topic", ""),
        levels=tuple(meta["levels"]),
        gated=bool(meta.get("gated", False)),
        asyncio=bool(meta.get("asyncio", False)),
        hints=tuple(meta.get("hints", ())),
    )


def all_katas() -> list[Kata]:
    folders = sorted(p.parent for p in KATAS_DIR.glob("*/kata.toml"))
    return [_load(folder) for folder in folders]


def find(name: str) -> Kata:
    names = [kata.name for kata in all_katas()]
    if name in names:
        return _load(KATAS_DIR / name)
    close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.5)
    raise UnknownKata(name, close[0] if close else None)
