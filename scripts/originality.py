"""Find word runs that a page shares with the source captures.

The library's pages must be written in their own words: a run of
RUN_LENGTH or more consecutive words copied from a source is reported.

    python scripts/originality.py docs/de/shared-vs-dedicated.md

Without the captures (../shared/sources) it prints "skipped: sources not
found at ..." and exits 0, or 1 when SOURCES_REQUIRED is set.
"""

from __future__ import annotations

import argparse
import os
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


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="pages or data files to compare")
    parser.add_argument("--sources", type=Path, default=SOURCES_DIR, help=f"folder of the source captures (default: {SOURCES_DIR})")
    args = parser.parse_args(argv)
    captures = sorted(args.sources.glob("0*.txt")) if args.sources.is_dir() else []
    if not captures:
        # Nothing to compare is not a pass: say so, and fail where the
        # captures must be present (CI sets SOURCES_REQUIRED).
        print(f"skipped: sources not found at {args.sources}")
        return 1 if os.environ.get("SOURCES_REQUIRED") else 0
    runs = source_runs(args.sources)
    problems = 0
    for name in args.paths:
        for run, source in copied_runs(Path(name).read_text(encoding="utf-8"), runs):
            print(f"{name}: copied from {source}: \"{run}\"")
            problems += 1
    print(f"{problems} copied run(s) of {RUN_LENGTH}+ words ({len(args.paths)} file(s) compared with {len(captures)} source capture(s))")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
