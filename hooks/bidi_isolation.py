"""MkDocs hook: in right-to-left languages, isolate Latin terms and figures.

"ITIL", "GPT 4.0", "24/7" and "40–60 %" inside Arabic text and tables are
laid out left to right on their own (datalib/bidi.py says why), so they
never reorder their neighbours. Runs on the page's HTML, after the data
tables are in it; code and elements that carry their own dir are left alone.
"""

from __future__ import annotations

from datalib.bidi import isolate_ltr_runs
from head_links import is_fallback
from site_languages import current_language, direction


def on_page_content(html, page, config, files):
    # A page not translated yet is English text, laid out left to right.
    if direction(config, current_language(config)) != "rtl" or is_fallback(config, page):
        return html
    return isolate_ltr_runs(html)
