"""Translation status for contributors and translators.

    python scripts/translations.py check            # problems (exit 1), stale translations and what changed
    python scripts/translations.py check --strict   # stale and missing translations fail too
    python scripts/translations.py summary --base origin/main
                                                    # Markdown for $GITHUB_STEP_SUMMARY
    python scripts/translations.py status           # pages x languages table
    python scripts/translations.py mark docs/de/glossary.md [...]
                                                    # after reviewing a translation
    python scripts/translations.py mark --all       # every existing translation

The workflow: edit an English page; `check` lists the translations that went
stale, with the English paragraphs that changed since each was reviewed (from
git history); translators update them and run `mark` on each.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

import yaml  # noqa: E402

from datalib.catalog import load_catalog  # noqa: E402
from datalib.errors import DataError  # noqa: E402
from datalib.history import History  # noqa: E402
from datalib.markers import MarkerError, find_markers  # noqa: E402
from style import style_slips  # noqa: E402
from datalib.translations import MISSING, OUTDATED, SOURCE, UP_TO_DATE, PageStatus, content_hash, mark_reviewed, site_status, translation_status  # noqa: E402


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


def check(root: Path, strict: bool = False) -> int:
    """Print the status and every problem. Outdated and missing translations
    are reported with what changed in English; they fail only in strict mode."""
    config = site_config(root)
    entries = i18n_languages(config)
    languages = tuple(entry["locale"] for entry in entries)
    default = next(entry["locale"] for entry in entries if entry.get("default"))
    problems = language_setup_problems(root, config)
    problems += marker_problems(root, languages)
    problems += style_problems(root, languages)
    statuses, history_note = translation_status(root / "docs", languages, default)
    for status in statuses:
        problems += [f"[{status.language}] docs/{status.language}/{status.page}: {p}" for p in status.problems]
    for language in languages:
        if language == default:
            continue
        mine = [s for s in statuses if s.language == language]
        counts = {state: sum(1 for s in mine if s.state == state) for state in (UP_TO_DATE, OUTDATED, MISSING)}
        print(f"{language}: {counts[UP_TO_DATE]} up to date, {counts[OUTDATED]} outdated, {counts[MISSING]} missing")
    stale = [f"[{s.language}] docs/{s.language}/{s.page}: {note}" for s in statuses for note in s.notes]
    if stale:
        print(f"\n{len(stale)} translation(s) to update ({'they fail the check in strict mode' if strict else 'reported, not a failure'}):")
        print("\n".join(stale))
        if history_note:
            print(history_note)
        for line in change_report(statuses, default):
            print(line)
    if strict:
        problems += stale
    if problems:
        print()
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


def style_problems(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Avoided term variants and typography slips (scripts/style.py)."""
    try:
        return [str(slip) for slip in style_slips(root, languages)]
    except DataError:
        return []  # reported by language_setup_problems


def marker_problems(root: Path, languages: tuple[str, ...]) -> list[str]:
    """Data markers naming nothing, in any language, in the build's words."""
    try:
        catalog = load_catalog(root / "data", languages, display_root=root)
    except DataError:
        return []  # reported by language_setup_problems
    problems = []
    for language in languages:
        for path in sorted((root / "docs" / language).glob("*.md")):
            name = f"docs/{language}/{path.name}"
            try:
                markers = find_markers(path.read_text(encoding="utf-8"))
            except MarkerError as error:
                problems.append(f"[{language}] Data marker error: {name}:{error.line} [{language}]: {error.message}")
                continue
            for marker in markers:
                problem = catalog.marker_problem(marker)
                if problem:
                    problems.append(f"[{language}] Data marker error: {name}:{marker.line} [{language}]: {problem}")
    return problems


def change_report(statuses: list[PageStatus], source_language: str) -> list[str]:
    """What changed in each English page since the version its outdated
    translations were reviewed against, once per page and version."""
    groups: dict[tuple[str, str], list[PageStatus]] = {}
    for status in statuses:
        if status.reviewed is not None:
            groups.setdefault((status.page, status.reviewed.commit), []).append(status)
    lines = []
    for (page, commit), group in groups.items():
        reviewed = group[0].reviewed
        names = ", ".join(s.language for s in group)
        changes = group[0].changes
        lines.append(f"\nWhat changed in docs/{source_language}/{page} since the version of {reviewed.date} ({commit[:7]}) that {names} reviewed: {len(changes)} change(s)")
        for change in changes:
            lines.append(f"  {change.kind} {change.block.kind}, line {change.block.line}:")
            if change.old:
                lines.append(f"    - {change.old.text}")
            if change.new:
                lines.append(f"    + {change.new.text}")
    return lines


def summary(root: Path, base: str | None, output: Path | None) -> int:
    """The translation status as Markdown for a pull request's job summary
    ($GITHUB_STEP_SUMMARY): pages x languages, and the translations this
    change made stale (up to date at `base`, outdated now)."""
    config = site_config(root)
    entries = i18n_languages(config)
    languages = tuple(entry["locale"] for entry in entries)
    default = next(entry["locale"] for entry in entries if entry.get("default"))
    statuses, history_note = translation_status(root / "docs", languages, default)
    text = summary_markdown(statuses, languages, default, made_stale(root, statuses, default, base), base, history_note)
    target = output or (Path(os.environ["GITHUB_STEP_SUMMARY"]) if os.environ.get("GITHUB_STEP_SUMMARY") else None)
    if target is None:
        print(text, end="")
    else:
        with target.open("a", encoding="utf-8") as handle:  # the summary file collects every step's text
            handle.write(text)
    return 0


def made_stale(root: Path, statuses: list[PageStatus], source_language: str, base: str | None) -> list[PageStatus] | None:
    """Outdated translations that were up to date at `base`; None when the
    base cannot be read."""
    if not base:
        return None
    history = History(root)
    stale = []
    for status in statuses:
        if status.state != OUTDATED or not status.recorded:
            continue
        before = history.text_at(base, f"docs/{source_language}/{status.page}")
        if before is None and not history.available:
            return None
        if before is not None and content_hash(before) == status.recorded:
            stale.append(status)
    return stale


SYMBOL = {SOURCE: "source", UP_TO_DATE: "✅ up to date", OUTDATED: "⚠️ outdated", MISSING: "❌ missing"}


def summary_markdown(statuses, languages, source_language, stale, base, history_note) -> str:
    pages = list(dict.fromkeys(s.page for s in statuses))
    lines = ["## Translation status", "", "| page | " + " | ".join(languages) + " |", "|---|" + "---|" * len(languages)]
    for page in pages:
        cells = {s.language: s.state for s in statuses if s.page == page}
        lines.append(f"| `{page}` | " + " | ".join(SYMBOL[cells.get(language, MISSING)] for language in languages) + " |")
    lines += ["", "### Translations this change made stale", ""]
    if stale is None:
        lines.append(f"Not known: the base revision {base or '(none given)'} is not in this checkout's history.")
    elif not stale:
        lines.append("None: no English page that has translations changed.")
    else:
        lines.append("The English pages changed; translators can see what changed with `make check` or on the site's \"Changes since the last review\" page:")
        lines.append("")
        lines += [f"- `docs/{s.language}/{s.page}` (English: `docs/{source_language}/{s.page}`, {len(s.changes) if s.changes is not None else 'unknown number of'} change(s))" for s in stale]
    if history_note:
        lines += ["", history_note]
    return "\n".join(lines) + "\n"


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
    checking = commands.add_parser("check", help="report problems, and missing and outdated translations with what changed")
    checking.add_argument("--strict", action="store_true", help="missing and outdated translations fail too (for release branches)")
    commands.add_parser("status", help="print the status table")
    summarising = commands.add_parser("summary", help="write the status as Markdown to $GITHUB_STEP_SUMMARY (or --output, or stdout)")
    summarising.add_argument("--base", help="revision the change is compared with, e.g. origin/main")
    summarising.add_argument("--output", type=Path, help="append here instead of $GITHUB_STEP_SUMMARY")
    marking = commands.add_parser("mark", help="record that translations were reviewed against their source")
    marking.add_argument("paths", nargs="*")
    marking.add_argument("--all", action="store_true", help="every translation page")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "check":
        return check(root, args.strict)
    if args.command == "status":
        return status(root)
    if args.command == "summary":
        return summary(root, args.base, args.output)
    if not args.paths and not args.all:
        parser.error("mark needs translation files or --all")
    return mark(root, args.paths, args.all)


if __name__ == "__main__":
    sys.exit(main())
