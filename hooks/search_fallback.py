"""MkDocs hook: the data for the English search fallback.

When a search finds nothing in the page's language,
assets/javascripts/search-fallback.js says so in that language and offers
results from the English index, each marked as English, so results never
mix languages silently. This hook gives it, on every page of a translated
language, the English index's address and the two texts it shows.
"""

from __future__ import annotations

import json

from mkdocs.utils import get_relative_url

from site_data import ui_strings
from site_languages import current_language, default_language

BODY_END = "</body>"
ENGLISH_INDEX = "search/search_index.json"  # the default language's own index


def on_post_page(output, page, config):
    if current_language(config) == default_language(config):
        return output
    ui = ui_strings(config)
    data = {
        "index": get_relative_url(ENGLISH_INDEX, page.url),
        "language": default_language(config),
        "text": ui["search_fallback_text"],
        "badge": ui["search_english_badge"],
    }
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return output.replace(BODY_END, f'<script type="application/json" id="__search-fallback">{payload}</script>{BODY_END}', 1)
