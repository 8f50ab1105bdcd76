"""Find word runs that a page shares with the source captures.

The library's pages must be written in their own words: a run of
RUN_LENGTH or more consecutive words copied from a source is reported.

    python scripts/originality.py docs/de/shared-vs-dedicated.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

RUN_LENGTH = 8
SOURCES_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "sources"
WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.casefold() for w in WORD.findall(text)]


def source_runs(sources_dir: Path = SOURCES_DIR, length: int = RUN_LENGTH) -> dict[tuple[str, ...], str]:
    runs: dict[tuple[str, ...], str] = {}
    for path in sorted(sources_dir.glob("0*.txt")):
        tokens = words(path.read_text(encoding="utf-8"))
        for i in range(len(tokens) - length + 1):
            runs.setdefault(tuple(tokens[i : i + length]), path.name)
    return runs


def copied_runs(text: str, runs: dict[tuple[str, ...], str], length: int = RUN_LENGTH) -> list[tuple[str, str]]:
    tokens = words(text)
    found = []
    for i in range(len(tokens) - length + 1):
        key = tuple(tokens[i : i + length])
        if key in runs:
            found.append((" ".join(key), runs[key]))
    return found


def main(paths: list[str]) -> int:
    runs = source_runs()
    problems = 0
    for name in paths:
        for run, source in copied_runs(Path(name).read_text(encoding="utf-8"), runs):
            print(f"{name}: copied from {source}: \"{run}\"")
            problems += 1
    print(f"{problems} copied run(s) of {RUN_LENGTH}+ words")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
