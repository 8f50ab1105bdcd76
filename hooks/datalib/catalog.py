"""Load every file under data/ with its declared schema, all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .markers import STATUS_NAMES, Marker
from .decision import DecisionHelper, parse_decision_helper
from .schema import DataSet, Table, UiStrings, parse_dataset, parse_ui_strings
from .style import Rule, Style, build_style, parse_typography
from .yaml_lines import load_yaml_file

UI_FILE = "ui.yaml"
DECISION_FILE = "decision-helper.yaml"
TYPOGRAPHY_FILE = "typography.yaml"

# Every key a template or hook looks up in data/ui.yaml.
UI_KEYS = frozenset(
    {
        "table_downloads",
        "other_languages",
        "not_found_title",
        "not_found_text",
        "not_found_home",
        "not_found_search",
        "not_found_page_title",
        "share_locale",
        "fallback_title",
        "fallback_text",
        "fallback_link",
        "status_caption",
        "status_page",
        "status_source",
        "status_up_to_date",
        "status_outdated",
        "status_missing",
        "changes_none",
        "changes_no_history",
        "changes_unknown",
        "changes_reviewed",
        "changes_english",
        "changes_added",
        "changes_removed",
        "changes_changed",
        "changes_line",
        "menu_source",
        "menu_translated",
        "menu_outdated",
        "menu_missing",
        "outdated_title",
        "outdated_text_dated",
        "outdated_text",
        "outdated_english",
        "outdated_changes",
        "hint_text",
        "hint_link",
        "hint_dismiss",
        "search_fallback_text",
        "search_english_badge",
        "print_sources",
        "print_source",
        "print_url",
        "pdf_download",
    }
)


@dataclass(frozen=True)
class Catalog:
    datasets: dict[str, DataSet]
    ui: UiStrings
    decision: DecisionHelper | None = None
    typography: tuple[tuple[Rule, ...], dict[str, str]] = ((), {})

    @property
    def style(self) -> Style:
        """The typography rules and the termbase's avoided forms, for `make check`."""
        rules, word_start = self.typography
        termbase = tuple(usage for ds in self.datasets.values() for usage in ds.termbase)
        return build_style(rules, word_start, termbase)

    @property
    def tables(self) -> dict[str, Table]:
        return {t.key: t for ds in self.datasets.values() for t in ds.tables.values()}

    def table(self, key: str) -> Table:
        try:
            return self.tables[key]
        except KeyError:
            known = ", ".join(sorted(self.tables))
            raise KeyError(f"no table '{key}' (tables: {known})") from None

    def marker_problem(self, marker: Marker) -> str | None:
        """Why a page's data marker names nothing, in the words the build
        and `make check` both use; None when it is fine."""
        if marker.kind == "status" and marker.name not in STATUS_NAMES:
            return f"no status '{marker.name}' (there are: {', '.join(STATUS_NAMES)})"
        if marker.kind == "decision" and (self.decision is None or marker.name != "decision-helper"):
            return f"no decision helper '{marker.name}' (there is one: decision-helper, in data/decision-helper.yaml)"
        if marker.kind == "table" and marker.name not in self.tables:
            return f"no table '{marker.name}' (tables: {', '.join(sorted(self.tables))})"
        return None


_cache: dict[tuple, Catalog] = {}


def load_catalog(data_dir: Path, languages: tuple[str, ...], display_root: Path | None = None) -> Catalog:
    """Validate every data file; the first problem raises a DataError.

    static-i18n runs one build per language: the result is reused while no
    file in data/ changed (same names, sizes and modification times)."""
    key = (str(data_dir), languages, str(display_root), _fingerprint(data_dir))
    if key not in _cache:
        _cache.clear()
        _cache[key] = _load(data_dir, languages, display_root)
    return _cache[key]


def _fingerprint(data_dir: Path) -> tuple:
    if not data_dir.is_dir():
        return ()
    return tuple((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(data_dir.iterdir()) if p.is_file())


def _load(data_dir: Path, languages: tuple[str, ...], display_root: Path | None) -> Catalog:
    display_root = display_root or data_dir.parent

    def shown(path: Path) -> str:
        try:
            return path.relative_to(display_root).as_posix()
        except ValueError:
            return path.as_posix()

    if not data_dir.is_dir():
        raise DataError(shown(data_dir), "data folder not found")
    stray = sorted(p for p in data_dir.iterdir() if p.is_file() and p.suffix == ".yml")
    if stray:
        raise DataError(shown(stray[0]), "data files end in .yaml; rename this file")

    ui = None
    typography = ((), {})
    datasets: dict[str, DataSet] = {}
    for path in sorted(data_dir.glob("*.yaml")):
        if path.name == DECISION_FILE:
            continue  # checked last: its rules point into the tables
        doc = load_yaml_file(path, shown(path))
        if path.name == TYPOGRAPHY_FILE:
            typography = parse_typography(doc, languages)
        elif path.name == UI_FILE:
            ui = parse_ui_strings(doc, languages, UI_KEYS)
        else:
            datasets[path.stem] = parse_dataset(doc, path.stem, languages)
    if ui is None:
        raise DataError(shown(data_dir / UI_FILE), "file not found (it holds the interface strings)")
    decision = None
    if (data_dir / DECISION_FILE).exists():
        tables = {t.key: t for ds in datasets.values() for t in ds.tables.values()}
        doc = load_yaml_file(data_dir / DECISION_FILE, shown(data_dir / DECISION_FILE))
        decision = parse_decision_helper(doc, languages, tables)
    return Catalog(datasets, ui, decision, typography)
