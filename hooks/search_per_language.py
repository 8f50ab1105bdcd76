"""MkDocs hook: one search index per language, with that language's stemmer.

static-i18n merges every language into one index at the site root, so a
reader on /hu/ downloads all five languages and gets German and Arabic hits;
and with five languages lunr chains five stemmers, which breaks matching.
Here each language gets its own search/search_index.json under its root,
holding only its pages and configured for lunr's stemmer of that language
(trimmer, stop words, stemmer), and each page's search looks there: the
`base` Material's script resolves the index against is set to the
language's root.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

from site_languages import current_language, default_language, home_path, language_root, languages, url_prefix

# Keep lunr's language pipeline whole (Material drops functions not listed).
PIPELINE = ["trimmer", "stopWordFilter", "stemmer"]
# lunr's Arabic trimmer deletes every non-Arabic character, which would make
# Latin terms on Arabic pages (ITIL, COE, 24/7) unfindable; the separator
# already splits words at punctuation, so Arabic goes without it.
PIPELINE_EXCEPTIONS = {"ar": ["stopWordFilter", "stemmer"]}
CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)

def language_index(entries: list[dict], language: str, prefix: str, base_config: dict) -> dict:
    """The index for one language, with locations relative to its root."""
    docs = []
    for entry in entries:
        location = entry["location"]
        if prefix and location.startswith(prefix):
            location = location[len(prefix):]
        docs.append({**entry, "location": location})
    pipeline = PIPELINE_EXCEPTIONS.get(language, PIPELINE)
    return {"config": {**base_config, "lang": [language], "pipeline": pipeline}, "docs": docs}


def with_search_base(html: str, base: str) -> str:
    """Point Material's script at the language root for its search index."""

    def replace(match: re.Match) -> str:
        settings = json.loads(match.group(2))
        settings["base"] = base
        return match.group(1) + json.dumps(settings, ensure_ascii=False) + match.group(3)

    return CONFIG_SCRIPT.sub(replace, html, count=1)


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
