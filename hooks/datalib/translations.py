"""Translation status: which pages each language is missing, which went stale
since their English source changed, and which drifted in structure.

A translated page records what it was translated from in its front matter:

    translated_from: shared-vs-dedicated.md
    translated_from_hash: 3f2a9c1b7d4e

The hash is of the English file as it was when the translation was last
reviewed (``scripts/translations.py mark`` writes it). Used by the
``scripts/translations.py`` command and by the hook that renders the
Translation status page, so both report the same thing.
"""

from __future__ import annotations

import hashlib
from html import escape
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Callable

from .changes import ADDED, CHANGED, REMOVED, Change, block_changes
from .history import History, Version
from .markers import FENCE, MARKER

FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.S)
HEADING_ID = re.compile(r"^#{1,6}\s.*\{\s*#(?P<id>[\w-]+)\s*\}\s*$", re.M)
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
GLOSSARY_TERM_LINK = re.compile(r"^glossary\.md#glossary-terms-")
# The separator line under a Markdown table's header: |---|:--:|
TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*\|", re.M)
FROM_KEY = "translated_from"
HASH_KEY = "translated_from_hash"
HASH_LENGTH = 12

UP_TO_DATE, OUTDATED, MISSING, SOURCE = "up-to-date", "outdated", "missing", "source"


def content_hash(text: str) -> str:
    """Hash of a source page, insensitive to line endings and trailing spaces."""
    normal = "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").split("\n")).strip() + "\n"
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def front_matter_value(text: str, key: str) -> str | None:
    match = FRONT_MATTER.match(text)
    if not match:
        return None
    found = re.search(rf"^{re.escape(key)}:\s*(?P<value>.+?)\s*$", match.group("body"), re.M)
    return found.group("value").strip("\"'") if found else None


def with_front_matter_value(text: str, key: str, value: str) -> str:
    """Set one flat key in the front matter, leaving every other line as it is."""
    match = FRONT_MATTER.match(text)
    if not match:
        return f"---\n{key}: {value}\n---\n{text}"
    body = match.group("body")
    line = f"{key}: {value}\n"
    pattern = re.compile(rf"^{re.escape(key)}:.*\n", re.M)
    body = pattern.sub(line, body) if pattern.search(body) else body + line
    return f"---\n{body}---\n" + text[match.end():]


@dataclass(frozen=True)
class Structure:
    heading_ids: tuple[str, ...]
    markers: tuple[str, ...]
    links: tuple[str, ...]
    tables: int


def structure(text: str) -> Structure:
    """What must be the same in every language: heading ids, data markers,
    links to pages and sections (glossary term links aside) and the number
    of tables."""
    body = FRONT_MATTER.sub("", text, count=1)
    lines, in_fence = [], None
    for line in body.split("\n"):
        fence = FENCE.match(line)
        if fence:
            in_fence = None if in_fence == fence.group(1) else (in_fence or fence.group(1))
            continue
        if not in_fence:
            lines.append(line)
    prose = "\n".join(lines)
    markers = tuple(f"{m.group('kind')}:{m.group('args').strip()}" for m in map(MARKER.match, lines) if m)
    links = tuple(dict.fromkeys(t for t in (m.group("target") for m in LINK.finditer(prose)) if _structural_link(t)))
    tables = sum(1 for m in markers if m.startswith("table:")) + len(TABLE_SEPARATOR.findall(prose))
    return Structure(tuple(HEADING_ID.findall(prose)), markers, links, tables)


def _structural_link(target: str) -> bool:
    # Links to other pages and sections must match the source. Links from a
    # term to its glossary entry follow each language's wording, so they may
    # differ, as may links to other sites (there should be none).
    return "://" not in target and not target.startswith("mailto:") and not GLOSSARY_TERM_LINK.match(target)


def structure_differences(source: Structure, translation: Structure) -> list[str]:
    problems = [
        problem
        for problem in (
            _sequence_difference("heading ids", source.heading_ids, translation.heading_ids, "#"),
            _sequence_difference("data markers", source.markers, translation.markers),
            _sequence_difference("links", sorted(set(source.links)), sorted(set(translation.links)), order_matters=False),
        )
        if problem
    ]
    if source.tables != translation.tables:
        problems.append(f"number of tables differs ({translation.tables} here, {source.tables} in the source)")
    return problems


def _sequence_difference(what: str, source, translation, prefix: str = "", order_matters: bool = True) -> str | None:
    """'heading ids differ (missing #fit; extra #x)', or None when they match."""
    if list(source) == list(translation):
        return None
    missing = [item for item in source if item not in translation]
    extra = [item for item in translation if item not in source]
    parts = [
        f"missing {', '.join(prefix + item for item in missing)}" if missing else "",
        f"extra {', '.join(prefix + item for item in extra)}" if extra else "",
        f"same {what} in another order" if order_matters and not missing and not extra else "",
    ]
    return f"{what} differ ({'; '.join(filter(None, parts))})"


@dataclass
class PageStatus:
    language: str
    page: str  # file name, e.g. 'glossary.md'
    state: str
    # Real problems (structure drift, orphans, an unknown recorded hash):
    # `check` fails on them.
    problems: list[str] = field(default_factory=list)
    # Outdated or missing: reported, a failure only in strict mode.
    notes: list[str] = field(default_factory=list)
    recorded: str | None = None  # hash of the English version last reviewed
    current: str | None = None  # hash of the English page now
    reviewed: Version | None = None  # that version, when history has it
    changes: list[Change] | None = None  # English changes since then; None: unknown
    source_updated: str | None = None  # YYYY-MM-DD the English page last changed, when known


def page_status(docs_dir: Path, source_language: str, language: str, page: str) -> PageStatus:
    source_path = docs_dir / source_language / page
    path = docs_dir / language / page
    if language == source_language:
        return PageStatus(language, page, SOURCE)
    if not path.is_file():
        return PageStatus(language, page, MISSING, notes=[f"missing: no translation of docs/{source_language}/{page}"])
    source_text = source_path.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    status = PageStatus(language, page, UP_TO_DATE, recorded=front_matter_value(text, HASH_KEY), current=content_hash(source_text))
    if front_matter_value(text, FROM_KEY) != page or status.recorded is None:
        status.state = OUTDATED
        status.notes.append(f"outdated: no record of the source it was translated from (front matter needs '{FROM_KEY}: {page}' and '{HASH_KEY}'; run `make mark PAGE=docs/{language}/{page}` after review)")
    elif status.recorded != status.current:
        status.state = OUTDATED
        status.notes.append(f"outdated: docs/{source_language}/{page} changed since this translation was reviewed (recorded {status.recorded}, now {status.current})")
    status.problems += [f"structure: {p} compared with docs/{source_language}/{page}" for p in structure_differences(structure(source_text), structure(text))]
    return status


def translation_status(docs_dir: Path, languages: tuple[str, ...], source_language: str) -> tuple[list[PageStatus], str | None]:
    """The status of every page in every language, with what changed in
    English for each outdated translation (the project folder's git history),
    and the one line to show when that history is missing."""
    statuses = site_status(docs_dir, languages, source_language)
    return statuses, add_history(statuses, docs_dir, source_language)


def add_history(statuses: list[PageStatus], docs_dir: Path, source_language: str, history: History | None = None) -> str | None:
    """Find, for each outdated translation, the English version it was
    reviewed against and what changed since. Returns the one line to show
    when history is not available, else None. A recorded hash that matches
    no version in full history is a real problem (a hand-edited hash)."""
    outdated = [s for s in statuses if s.state == OUTDATED and s.recorded]
    if not outdated:
        return None
    history = history or History(docs_dir.parent)
    if not history.available:
        return f"history: {history.unavailable_reason}; showing the hash status only, not what changed"
    folder = docs_dir.resolve().relative_to(history.root) / source_language
    missing_history = False
    for status in outdated:
        english = f"{folder.as_posix()}/{status.page}"
        version = history.version_with_hash(english, status.recorded, content_hash)
        if version is None:
            if history.shallow:
                missing_history = True
            else:
                status.problems.append(f"unknown review: the recorded {HASH_KEY} {status.recorded} matches no version of {english} in git history (was it edited by hand? review the page, then run `make mark PAGE=docs/{status.language}/{status.page}`)")
            continue
        status.reviewed = version
        status.changes = block_changes(version.text, (docs_dir / source_language / status.page).read_text(encoding="utf-8"))
        newest = history.versions(english)[0]
        # An English edit not committed yet has no date in history.
        status.source_updated = newest.date if content_hash(newest.text) == status.current else None
    if missing_history:
        return f"history: {history.unavailable_reason}; showing the hash status only where the reviewed version is not in it"
    return None


def site_status(docs_dir: Path, languages: tuple[str, ...], source_language: str) -> list[PageStatus]:
    """Every page of the source language in every language, plus pages that
    exist in a translation only (they have no source)."""
    pages = sorted(p.name for p in (docs_dir / source_language).glob("*.md"))
    statuses = [page_status(docs_dir, source_language, language, page) for page in pages for language in languages]
    for language in languages:
        folder = docs_dir / language
        if not folder.is_dir():
            continue
        for orphan in sorted(p.name for p in folder.glob("*.md") if p.name not in pages):
            statuses.append(PageStatus(language, orphan, OUTDATED, problems=[f"orphan: no source page docs/{source_language}/{orphan}"]))
    return statuses


def mark_reviewed(docs_dir: Path, source_language: str, path: Path) -> str:
    """Record the current source hash in a translation; returns the hash."""
    page = path.name
    source = docs_dir / source_language / page
    if not source.is_file():
        raise FileNotFoundError(f"no source page {source}")
    current = content_hash(source.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    text = with_front_matter_value(text, FROM_KEY, page)
    text = with_front_matter_value(text, HASH_KEY, current)
    path.write_text(text, encoding="utf-8")
    return current


def changes_anchor(page: str, language: str) -> str:
    """Id of one translation's section on the changes page."""
    return f"changes-{page.removesuffix('.md')}-{language}"


def render_status_table(
    statuses: list[PageStatus],
    languages: tuple[str, ...],
    language_names: dict[str, str],
    ui: dict[str, str],
    page_title: Callable[[str], str],
    page_href: Callable[[str], str],
    changes_href: Callable[[str, str], str] | None = None,
) -> str:
    """The status as an HTML table: pages down, languages across. An outdated
    cell links to that translation's changes since its last review."""
    label = {SOURCE: ui["status_source"], UP_TO_DATE: ui["status_up_to_date"], OUTDATED: ui["status_outdated"], MISSING: ui["status_missing"]}
    pages = list(dict.fromkeys(s.page for s in statuses))
    header = [ui["status_page"], *(language_names[code] for code in languages)]
    out = [
        '<div class="data-table" id="translation-status">',
        '<div class="data-table__scroll" role="region" aria-labelledby="translation-status-caption" tabindex="0">',
        f'<table>\n<caption id="translation-status-caption">{escape(ui["status_caption"])}</caption>',
        "<thead><tr>\n" + "\n".join(f'<th scope="col">{escape(h)}</th>' for h in header) + "\n</tr></thead>\n<tbody>",
    ]
    for page in pages:
        cells = {s.language: s for s in statuses if s.page == page}
        row = [f'<th scope="row" data-label="{escape(header[0])}"><a href="{escape(page_href(page))}">{escape(page_title(page))}</a></th>']
        for code, name in zip(languages, header[1:]):
            status = cells.get(code)
            state = status.state if status else MISSING
            text = escape(label[state])
            if state == OUTDATED and changes_href and status.recorded:
                text = f'<a href="{escape(changes_href(page, code))}">{text}</a>'
            row.append(f'<td data-label="{escape(name)}" data-language="{code}" data-state="{state}">{text}</td>')
        out.append(f'<tr id="translation-status-{escape(page.removesuffix(".md"))}">\n' + "\n".join(row) + "\n</tr>")
    out += ["</tbody>\n</table>\n</div>", "</div>"]
    return "\n".join(out)


def render_changes(
    statuses: list[PageStatus],
    language_names: dict[str, str],
    ui: dict[str, str],
    page_title: Callable[[str], str],
    english_href: Callable[[str], str],
    history_note: str | None,
) -> str:
    """The changes page: for every outdated translation, the English blocks
    added, removed or changed since its last review (plain HTML, no script)."""
    outdated = [s for s in statuses if s.state == OUTDATED and s.recorded]
    if not outdated:
        return f'<div class="translation-changes"><p>{escape(ui["changes_none"])}</p></div>'
    out = ['<div class="translation-changes">']
    if history_note:
        out.append(f'<p class="translation-changes__note">{escape(ui["changes_no_history"])}</p>')
    for status in outdated:
        title = f"{page_title(status.page)} ({language_names[status.language]})"
        out.append(f'<section id="{changes_anchor(status.page, status.language)}" aria-labelledby="{changes_anchor(status.page, status.language)}-title">')
        out.append(f'<h2 id="{changes_anchor(status.page, status.language)}-title">{escape(title)}</h2>')
        out.append(f'<p><a href="{escape(english_href(status.page))}">{escape(ui["changes_english"])}</a></p>')
        if status.reviewed is None:
            out.append(f'<p>{escape(ui["changes_unknown"])}</p>')
        else:
            reviewed = escape(ui["changes_reviewed"]).replace("{date}", f'<time datetime="{status.reviewed.date}" dir="ltr">{status.reviewed.date}</time>')
            out.append(f"<p>{reviewed}</p>")
            out.append("<ol class=\"translation-changes__list\">")
            out += [_change_item(change, ui) for change in status.changes]
            out.append("</ol>")
        out.append("</section>")
    out.append("</div>")
    return "\n".join(out)


def _change_item(change: Change, ui: dict[str, str]) -> str:
    label = {ADDED: ui["changes_added"], REMOVED: ui["changes_removed"], CHANGED: ui["changes_changed"]}[change.kind]
    line = escape(ui["changes_line"]).replace("{line}", str(change.block.line))
    if change.kind == CHANGED:
        body = _word_diff(change.old.text, change.new.text)
    elif change.kind == ADDED:
        body = f"<ins>{escape(change.new.text)}</ins>"
    else:
        body = f"<del>{escape(change.old.text)}</del>"
    return f'<li data-change="{change.kind}"><p><strong>{escape(label)}</strong> ({line})</p><p lang="en" dir="ltr">{body}</p></li>'


def _word_diff(old: str, new: str) -> str:
    """One paragraph with removed words in <del> and new words in <ins>."""
    a, b = old.split(" "), new.split(" ")
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(a[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(b[j1:j2]))}</ins>")
    return " ".join(out)
