"""MkDocs hook: one search index per language, with that language's stemmer.

static-i18n merges every language into one index at the site root, so a
reader on /hu/ downloads all five languages and gets German and Arabic hits;
and with five languages lunr chains five stemmers, which breaks matching.
Here each language gets its own search/search_index.json under its root,
holding only its pages and only text in that language, configured for
lunr's stop words and stemmer of that language (the worker's own trimmer,
accent fold and ranking are hooks/search_ranking.js), and each page's
search looks there: the `base` Material's script resolves the index
against is set to the language's root.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from site_languages import current_language, default_language, home_path, language_root, languages, url_prefix

# lunr's language pipeline without its trimmer (Material drops functions not
# listed): lunr's trimmers keep only the letters of their language, so the
# German, French and Hungarian ones drop digits (24/7, 40-60) and the Arabic
# one drops Latin terms (ITIL, COE). The worker trims with a Unicode trimmer
# of its own instead (hooks/search_ranking.js, hooks/material_patches.py).
PIPELINE = ["stopWordFilter", "stemmer"]
# Pages left out of the search index: the changes page quotes English
# paragraphs on every language's page, which would answer a reader's query
# in another language.
NOT_SEARCHED = ("translation-changes/",)
# Languages that write compounds as one word (Büromiete, irodabérlet): there
# the worker also matches a term inside longer words (hooks/search_ranking.js).
COMPOUNDING = {"de", "hu"}
# Languages stemmed lightly instead of with lunr's stemmer: lunr's Arabic
# stemmer reduces words to their roots, so unrelated words meet (المكتب,
# the office, and مكتبة, the library).
LIGHT_STEMMING = {"ar"}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

def language_index(entries: list[dict], language: str, prefix: str, base_config: dict) -> dict:
    """The index for one language, with locations relative to its root."""
    docs = []
    for entry in entries:
        location = entry["location"]
        if prefix and location.startswith(prefix):
            location = location[len(prefix):]
        if location.startswith(NOT_SEARCHED):
            continue
        docs.append({**entry, "location": location})
    config = {**base_config, "lang": [language], "pipeline": PIPELINE}
    if language in COMPOUNDING:
        config["compounds"] = True
    if language in LIGHT_STEMMING:
        config["stemmer"] = "light"
    return {"config": config, "docs": docs}


def with_search_base(html: str, base: str) -> str:
    """Point Material's script at the language root for its search index."""

    def replace(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = base
        return match.group(1) + json.dumps(settings, ensure_ascii=False) + match.group(3)

    return CONFIG_SCRIPT.sub(replace, html, count=1)


# Text marked as another language (the glossary's terms in the other four
# languages, English source titles) is left out of this language's index, so
# that a query never matches a page through words of another language.
LANG_ATTRIBUTE = re.compile(r'<(\w+)\b([^>]*?)\slang="([\w-]+)"')
LANGUAGE_LABEL = re.compile(r'<span class="data-table__lang"')


def without_other_languages(html: str, language: str, site_languages) -> str:
    def mark(match: re.Match) -> str:
        if match.group(3) == language or match.group(3) not in site_languages:
            return match.group(0)
        return f'<{match.group(1)} data-search-exclude="other-language"{match.group(2)} lang="{match.group(3)}"'

    html = LANG_ATTRIBUTE.sub(mark, html)
    return LANGUAGE_LABEL.sub('<span data-search-exclude="language-code" class="data-table__lang"', html)


# Before Material's search plugin (priority 0) reads the page; it removes
# the data-search-* attributes from the page afterwards.
@event_priority(50)
def on_page_context(context, page, config, nav):
    page.content = without_other_languages(page.content or "", current_language(config), languages(config))
    return context


def on_post_page(output, page, config):
    return with_search_base(output, get_relative_url(url_prefix(config) or ".", page.url))


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        # 404 pages use absolute URLs: they are served at any depth.
        return with_search_base(output_content, home_path(config))
    return output_content


# After static-i18n (priority -100), which in the default language's build
# writes its combined index of all languages over the root file.
@event_priority(-200)
def on_post_build(config):
    language = current_language(config)
    search = search_plugin(config)
    entries = [e for e in search.search_index.entries if entry_language(config, e["location"]) == language]
    base_config = {key: search.config[key] for key in ("separator", "fields")}
    index = language_index(entries, language, url_prefix(config), base_config)
    path = Path(language_root(config)) / "search" / "search_index.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def entry_language(config, location: str) -> str:
    """The language a search entry belongs to, from its location's prefix."""
    first = location.split("/", 1)[0]
    return first if first in languages(config) and first != default_language(config) else default_language(config)


def search_plugin(config):
    # Material registers its search plugin as 'material/search'.
    return config.plugins["material/search"]
