"""MkDocs hook: validate data/ before anything renders, replace data markers
in pages with tables in the language being built, publish open data files.

The work itself lives in datalib/; this module only connects it to MkDocs
events and turns every data problem into one clean build error.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from datalib.catalog import load_catalog
from datalib.decision import render_decision_helper
from datalib.errors import DataError
from datalib.export import export_path, table_to_csv, table_to_json
from datalib.markers import Marker, MarkerError, find_markers, replace_markers
from datalib.translations import changes_anchor, front_matter_value, render_changes, render_status_table, translation_status
from datalib.render import DownloadLinks, render_table
from site_data import catalog, set_catalog, ui_strings
from site_languages import current_language, default_language, language_names, language_root, languages, project_root, source_name, url_prefix

DECISION_SCRIPT = "assets/javascripts/decision-helper.js"
# The page that shows each outdated translation's English changes.
CHANGES_PAGE = "translation-changes.md"

# Which page shows each table ('support-models/fit' -> 'shared-vs-dedicated'),
# read from the default language's pages: every language has the same layout.
_table_pages: dict[str, str] = {}

def on_pre_build(config):
    # Loaded on every build (once per language, a few milliseconds) so that
    # `mkdocs serve` picks up edits to data/ without a restart.
    try:
        set_catalog(load_catalog(project_root(config) / "data", languages(config)))
    except DataError as error:
        raise PluginError(f"Data error: {error}") from None
    _table_pages.clear()
    for path in sorted((project_root(config) / config.docs_dir / default_language(config)).glob("*.md")):
        try:
            markers = find_markers(path.read_text(encoding="utf-8"))
        except MarkerError:
            continue  # reported with its line when that page is rendered
        for marker in markers:
            if marker.kind == "table":
                _table_pages.setdefault(marker.name, path.stem)


def on_serve(server, config, builder):
    server.watch(str(project_root(config) / "data"))
    return server


def on_page_markdown(markdown, page, config, files):
    language = current_language(config)
    source = source_name(config, page.file.abs_src_path)
    first_line = _body_first_line(page.file.abs_src_path, markdown)

    def marker_error(line: int, message: str) -> PluginError:
        # The file's own line number: the Markdown given here starts after the front matter.
        return PluginError(f"Data marker error: {source}:{first_line + line - 1} [{language}]: {message}")

    def page_link(target: str, in_language: str | None = None) -> str:
        """'glossary.md#x' -> URL of that page in this language (or another),
        relative to this page."""
        name, _, anchor = target.partition("#")
        stem = name.removesuffix(".md")
        path = url_prefix(config, in_language) + ("" if stem == "index" else f"{stem}/")
        return get_relative_url(path or ".", page.url) + (f"#{anchor}" if anchor else "")

    def row_link(table_key: str, row_id: str) -> str:
        table = catalog().table(table_key)
        if table_key not in _table_pages:
            raise PluginError(f"Data error: table '{table_key}' is linked from data/decision-helper.yaml but shown on no page")
        return page_link(f"{_table_pages[table_key]}.md#{table.dataset}-{table.id}-{row_id}")

    def render(marker: Marker) -> str:
        problem = catalog().marker_problem(marker)
        if problem:
            raise marker_error(marker.line, problem)
        if marker.kind == "status":
            return _status_html(config, marker.name, page_link)
        if marker.kind == "decision":
            script = get_relative_url(DECISION_SCRIPT, page.url)
            return render_decision_helper(catalog().decision, language, row_link, page_link, script)
        table = catalog().table(marker.name)
        ui = catalog().ui
        downloads = DownloadLinks(
            ui.get("table_downloads", language),
            get_relative_url(url_prefix(config) + export_path(table, "json"), page.url),
            get_relative_url(url_prefix(config) + export_path(table, "csv"), page.url) if table.is_flat else None,
        )
        return render_table(table, language, languages(config), downloads, ui.get("other_languages", language))

    try:
        return replace_markers(markdown, render)
    except MarkerError as error:
        raise marker_error(error.line, error.message) from None


def _status_html(config, name: str, page_link) -> str:
    """The translation status table or the changes page, computed from docs/
    and git history by the same code as scripts/translations.py."""
    docs = project_root(config) / config.docs_dir
    codes = languages(config)
    statuses, history_note = translation_status(docs, codes, default_language(config))
    names = language_names(config)

    def title(page: str) -> str:
        for folder in (current_language(config), default_language(config)):
            path = docs / folder / page
            if path.is_file():
                return front_matter_value(path.read_text(encoding="utf-8"), "title") or page
        return page

    if name == "changes":
        english = lambda page: page_link(page, default_language(config))  # noqa: E731
        return render_changes(statuses, names, ui_strings(config), title, english, history_note)

    def changes(page: str, language: str) -> str:
        return page_link(f"{CHANGES_PAGE}#{changes_anchor(page, language)}")

    return render_status_table(statuses, codes, names, ui_strings(config), title, page_link, changes)


def on_page_context(context, page, config, nav):
    context["ui"] = ui_strings(config)
    return context


def on_template_context(context, template_name, config):
    context["ui"] = ui_strings(config)
    return context


def on_post_build(config):
    language = current_language(config)
    root = language_root(config)
    for table in catalog().tables.values():
        _write(root / export_path(table, "json"), table_to_json(table, language))
        if table.is_flat:
            _write(root / export_path(table, "csv"), table_to_csv(table, language))


def _write(path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _body_first_line(abs_src_path: str, markdown: str) -> int:
    """Line of the source file where the Markdown body (after front matter)
    starts, so marker errors name the line a contributor sees in the file."""
    try:
        with open(abs_src_path, encoding="utf-8") as handle:
            source = handle.read()
    except OSError:
        return 1
    body = markdown.lstrip("\n")
    position = source.find(body[:200]) if body else -1
    if position < 0:
        return 1
    skipped = len(markdown) - len(body)
    return source[:position].count("\n") + 1 - markdown[:skipped].count("\n")
