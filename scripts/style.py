"""Termbase and typography check of every language's text.

    python scripts/style.py          # every slip, with file:line (exit 1 if any)
    python scripts/style.py --fix    # fix the slips whose rule has a fix, then list the rest

`make check` runs the same check. The rules are in data/typography.yaml, the
preferred and avoided forms of each term in the termbase section of
data/glossary.yaml; the engine is hooks/datalib/style.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from datalib.catalog import TYPOGRAPHY_FILE, load_catalog  # noqa: E402
from datalib.errors import DataError  # noqa: E402
from datalib.style import Slip, data_slips, fix_data_text, fix_markdown, markdown_slips  # noqa: E402
from datalib.yaml_lines import load_yaml_file  # noqa: E402


def _texts(root: Path, languages: tuple[str, ...]):
    """(kind, path, shown name, language) of every file holding prose."""
    for language in languages:
        for path in sorted((root / "docs" / language).glob("*.md")):
            yield "page", path, path.relative_to(root).as_posix(), language
    for path in sorted((root / "data").glob("*.yaml")):
        if path.name != TYPOGRAPHY_FILE:
            yield "data", path, path.relative_to(root).as_posix(), None


def style_slips(root: Path, languages: tuple[str, ...]) -> list[Slip]:
    """Every slip in docs/<lang>/ and in data/; a data error raises."""
    style = load_catalog(root / "data", languages, display_root=root).style
    slips: list[Slip] = []
    for kind, path, shown, language in _texts(root, languages):
        if kind == "page":
            slips += markdown_slips(shown, path.read_text(encoding="utf-8"), language, style)
        else:
            slips += data_slips(load_yaml_file(path, shown), languages, style)
    return slips


def fix(root: Path, languages: tuple[str, ...]) -> int:
    """Apply every fix; returns how many slips were fixed."""
    style = load_catalog(root / "data", languages, display_root=root).style
    total = 0
    for kind, path, shown, language in _texts(root, languages):
        text = path.read_text(encoding="utf-8")
        if kind == "page":
            fixed, count = fix_markdown(text, language, style)
        else:
            fixed, count = fix_data_text(text, load_yaml_file(path, shown), languages, style)
        if count:
            path.write_text(fixed, encoding="utf-8")
            print(f"{shown}: {count} fixed")
            total += count
    return total


def main(argv: list[str] | None = None) -> int:
    from translations import i18n_languages, site_config

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fix", action="store_true", help="fix the slips whose rule has a fix")
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this checkout)")
    args = parser.parse_args(argv)
    languages = tuple(entry["locale"] for entry in i18n_languages(site_config(args.root)))
    try:
        if args.fix:
            print(f"{fix(args.root, languages)} slip(s) fixed")
        slips = style_slips(args.root, languages)
    except DataError as error:
        print(error)
        return 1
    for slip in slips:
        print(slip)
    print(f"{len(slips)} slip(s)")
    return 1 if slips else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    sys.exit(main())
