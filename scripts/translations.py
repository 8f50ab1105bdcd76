"""Translation status for contributors and translators.

    python scripts/translations.py check            # every problem, exit 1 if any
    python scripts/translations.py status           # pages x languages table
    python scripts/translations.py mark docs/de/glossary.md [...]
                                                    # after reviewing a translation
    python scripts/translations.py mark --all       # every existing translation

The workflow: edit an English page; `check` lists the translations that went
stale; translators update them and run `mark` on each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import yaml  # noqa: E402

from datalib.catalog import load_catalog  # noqa: E402
from datalib.errors import DataError  # noqa: E402
from datalib.translations import MISSING, OUTDATED, SOURCE, UP_TO_DATE, mark_reviewed, site_status  # noqa: E402


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV [NAME, default] gives the default."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1] if isinstance(node, yaml.SequenceNode) else None)


def site_config(root: Path) -> dict:
    return yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader)


def i18n_languages(config: dict) -> list[dict]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            return plugin["i18n"]["languages"]
    raise SystemExit("mkdocs.yml has no i18n plugin")


def nav_sections(nav: list) -> list[str]:
    return [key for item in nav if isinstance(item, dict) for key, value in item.items() if isinstance(value, list)]


def language_setup_problems(root: Path, config: dict) -> list[str]:
    """What adding a language needs besides its pages (CONTRIBUTING.md)."""
    problems = []
    entries = i18n_languages(config)
    codes = tuple(entry["locale"] for entry in entries)
    default = next(entry["locale"] for entry in entries if entry.get("default"))
    sections = nav_sections(config.get("nav", []))
    for entry in entries:
        code = entry["locale"]
        if not (root / "docs" / code).is_dir():
            problems.append(f"[{code}] docs/{code}/: folder missing (copy docs/{default}/ and translate it)")
        if not entry.get("name"):
            problems.append(f"[{code}] mkdocs.yml: language entry needs a 'name' (shown in the language switcher)")
        if code != default:
            if not entry.get("site_name"):
                problems.append(f"[{code}] mkdocs.yml: language entry needs 'site_name' in {code}")
            missing = [s for s in sections if s not in (entry.get("nav_translations") or {})]
            if missing:
                problems.append(f"[{code}] mkdocs.yml: nav_translations lacks {', '.join(repr(s) for s in missing)}")
    try:
        load_catalog(root / "data", codes, display_root=root)
    except DataError as error:
        problems.append(f"[{error.language or 'data'}] {error}")
    return problems


def check(root: Path) -> int:
    config = site_config(root)
    entries = i18n_languages(config)
    languages = tuple(entry["locale"] for entry in entries)
    default = next(entry["locale"] for entry in entries if entry.get("default"))
    problems = language_setup_problems(root, config)
    statuses = site_status(root / "docs", languages, default)
    for status in statuses:
        problems += [f"[{status.language}] docs/{status.language}/{status.page}: {p}" for p in status.problems]
    for language in languages:
        if language == default:
            continue
        mine = [s for s in statuses if s.language == language]
        counts = {state: sum(1 for s in mine if s.state == state) for state in (UP_TO_DATE, OUTDATED, MISSING)}
        print(f"{language}: {counts[UP_TO_DATE]} up to date, {counts[OUTDATED]} outdated, {counts[MISSING]} missing")
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def status(root: Path) -> int:
    config = site_config(root)
    languages = tuple(entry["locale"] for entry in i18n_languages(config))
    default = languages[0]
    statuses = site_status(root / "docs", languages, default)
    pages = list(dict.fromkeys(s.page for s in statuses))
    print("| page | " + " | ".join(languages) + " |")
    print("|---|" + "---|" * len(languages))
    for page in pages:
        cells = {s.language: s.state for s in statuses if s.page == page}
        print(f"| {page} | " + " | ".join(cells.get(language, MISSING) for language in languages) + " |")
    return 0


def mark(root: Path, paths: list[str], everything: bool) -> int:
    config = site_config(root)
    entries = i18n_languages(config)
    default = next(entry["locale"] for entry in entries if entry.get("default"))
    docs = root / "docs"
    if everything:
        targets = [p for entry in entries if entry["locale"] != default for p in sorted((docs / entry["locale"]).glob("*.md"))]
    else:
        targets = [Path(p).resolve() for p in paths]
    for target in targets:
        if target.parent.name == default or target.parent.parent != docs.resolve() and target.parent.parent != docs:
            print(f"{target}: not a translation under docs/<language>/", file=sys.stderr)
            return 2
        print(f"{target.relative_to(root.resolve()) if target.is_absolute() else target}: marked as translated from {target.name} ({mark_reviewed(docs, default, target)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--root", type=Path, default=ROOT, help="project folder (default: this repository)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="report missing, outdated and drifted translations")
    commands.add_parser("status", help="print the status table")
    marking = commands.add_parser("mark", help="record that translations were reviewed against their source")
    marking.add_argument("paths", nargs="*")
    marking.add_argument("--all", action="store_true", help="every translation page")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root)
    if args.command == "status":
        return status(root)
    if not args.paths and not args.all:
        parser.error("mark needs translation files or --all")
    return mark(root, args.paths, args.all)


if __name__ == "__main__":
    sys.exit(main())
