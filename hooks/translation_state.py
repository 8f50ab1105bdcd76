"""MkDocs hook: tell readers which language they read and how current it is.

- A translated page whose English original changed since its last review
  shows a notice in the page's language, with links to the English page and
  to the changes since that review. Up-to-date pages show none; neither
  gets noindex (it is still the right page for that language).
- Each language menu entry is labelled translated, outdated or shown in
  English (overrides/partials/alternate.html reads `translation_menu`).
- The page carries, as JSON, where it exists in each language and the
  "available in your language" hint in that language, for
  assets/javascripts/languages.js.

Everything comes from the same status as `make check` and the Translation
status page (datalib.translations), so the three always agree.
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from mkdocs.utils import get_relative_url

from datalib.translations import MISSING, OUTDATED, SOURCE, UP_TO_DATE, changes_anchor, translation_status
from head_links import is_translated, page_url
from site_data import catalog, ui_strings
from site_languages import current_language, default_language, direction, language_names, languages, project_root, url_prefix

ARTICLE_TAG = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>')
BODY_END = "</body>"
CHANGES_PAGE = "translation-changes/"
MENU_LABEL = {SOURCE: "menu_source", UP_TO_DATE: "menu_translated", OUTDATED: "menu_outdated", MISSING: "menu_missing"}

_statuses: dict[tuple[str, str], object] = {}


def on_pre_build(config):
    # Once per language build: a few file reads, and git only when a
    # translation is outdated.
    _statuses.clear()
    docs = project_root(config) / config.docs_dir
    statuses, _ = translation_status(docs, languages(config), default_language(config))
    _statuses.update({(s.language, s.page): s for s in statuses})


def _page_name(page) -> str:
    return Path(page.file.norm_src_uri).as_posix()


def state_of(config, page, language: str) -> str:
    if language == default_language(config):
        return SOURCE
    if not is_translated(config, page, language):
        return MISSING
    status = _statuses.get((language, _page_name(page)))
    return status.state if status else UP_TO_DATE


def on_page_context(context, page, config, nav):
    ui = ui_strings(config)
    context["translation_menu"] = {
        language: {"state": state, "label": ui[MENU_LABEL[state]]}
        for language in languages(config)
        for state in (state_of(config, page, language),)
    }
    return context


def on_post_page(output, page, config):
    output = _with_outdated_notice(output, page, config)
    return output.replace(BODY_END, _hint_data(page, config) + BODY_END, 1)


def _with_outdated_notice(output: str, page, config) -> str:
    language = current_language(config)
    status = _statuses.get((language, _page_name(page)))
    if status is None or status.state != OUTDATED or not is_translated(config, page, language):
        return output
    ui = ui_strings(config)
    default = default_language(config)
    english = get_relative_url(page_url(config, page, default), page.url)
    if status.source_updated:
        when = f'<time datetime="{status.source_updated}" dir="ltr">{status.source_updated}</time>'  # dir: a date never reorders in RTL
        text = escape(ui["outdated_text_dated"]).replace("{date}", when)
    else:
        text = escape(ui["outdated_text"])
    links = [f'<a href="{escape(english)}" hreflang="{default}">{escape(ui["outdated_english"])}</a>']
    if status.recorded:
        changes = get_relative_url(url_prefix(config, language) + CHANGES_PAGE, page.url)
        links.append(f'<a href="{escape(changes)}#{changes_anchor(status.page, language)}">{escape(ui["outdated_changes"])}</a>')
    notice = (
        f'<div class="admonition warning outdated-notice" role="note">'
        f'<p class="admonition-title">{escape(ui["outdated_title"])}</p>'
        f'<p>{text}</p><p>{" · ".join(links)}</p>'
        f"</div>"
    )
    return ARTICLE_TAG.sub(lambda match: match.group(0) + notice, output, count=1)


def _hint_data(page, config) -> str:
    """Where this page exists, and the hint in each of those languages."""
    names = language_names(config)
    hints = {}
    for language in languages(config):
        if state_of(config, page, language) == MISSING:
            continue  # shown in English there: nothing to offer
        texts = {key: catalog().ui.get(key, language) for key in ("hint_text", "hint_link", "hint_dismiss")}
        hints[language] = {
            "href": get_relative_url(page_url(config, page, language), page.url),
            "dir": direction(config, language),
            "text": texts["hint_text"].replace("{language}", names[language]),
            "link": texts["hint_link"],
            "dismiss": texts["hint_dismiss"],
        }
    data = {"language": current_language(config), "pages": hints}
    # "<" escaped: no text can end the script element early.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return f'<script type="application/json" id="__language-hint">{payload}</script>'
