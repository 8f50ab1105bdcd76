"""MkDocs hook: absolute hreflang alternates, x-default and canonical URL for
every page, and the fallback notice on pages not yet translated.

static-i18n writes relative alternates without x-default; search engines
need absolute URLs. A page that a language does not have yet is served from
the default language (fallback): it is canonicalised to the original, left
out of the alternates, shows a notice in the reader's language, and its
content carries the original's lang and dir.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.utils import get_relative_url

from site_data import ui_strings
from site_languages import current_language, default_language, direction, languages, url_prefix

ARTICLE_TAG = re.compile(r'<article class="md-content__inner md-typeset">')


def is_translated(config, page, language: str) -> bool:
    return (Path(config.docs_dir) / language / page.file.norm_src_uri).is_file()


def page_url(config, page, language: str) -> str:
    """The page's URL path in another language: 'de/glossary/' for German."""
    own_prefix = url_prefix(config)
    base = page.url[len(own_prefix):] if page.url.startswith(own_prefix) else page.url
    return url_prefix(config, language) + base


def absolute(config, path: str) -> str:
    return config.site_url.rstrip("/") + "/" + path


def is_fallback(config, page) -> bool:
    return not is_translated(config, page, current_language(config))


def on_page_context(context, page, config, nav):
    default = default_language(config)
    fallback = is_fallback(config, page)
    alternates = [
        {"lang": language, "href": absolute(config, page_url(config, page, language))}
        for language in languages(config)
        if is_translated(config, page, language)
    ]
    context["head_links"] = {
        "canonical": absolute(config, page_url(config, page, default) if fallback else page.url),
        "alternates": alternates,
        "x_default": absolute(config, page_url(config, page, default)),
        "fallback": fallback,
    }
    return context


def on_post_page(output, page, config):
    if not is_fallback(config, page):
        return output
    default = default_language(config)
    ui = ui_strings(config)
    original = get_relative_url(page_url(config, page, default), page.url)
    notice = (
        f'<div class="admonition info fallback-notice" role="note">'
        f'<p class="admonition-title">{escape(ui["fallback_title"])}</p>'
        f'<p>{escape(ui["fallback_text"])} <a href="{escape(original)}" hreflang="{default}" lang="{default}">{escape(ui["fallback_link"])}</a></p>'
        f"</div>"
    )
    # The article is in the default language: say so, so that screen readers
    # and the browser's text layout treat it as such inside translated chrome.
    language = current_language(config)
    return ARTICLE_TAG.sub(
        f'<article class="md-content__inner md-typeset" lang="{default}" dir="{direction(config, default)}">'
        f'<div lang="{language}" dir="{direction(config, language)}">{notice}</div>',
        output,
        count=1,
    )
