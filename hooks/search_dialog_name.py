"""MkDocs hook: give Material's search dialog an accessible name.

Material renders the search overlay as role="dialog" without a name, which
accessibility checkers (Lighthouse's aria-dialog-name) report. The name is
the search field's own label, already translated by Material.
"""

from __future__ import annotations

import re

DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
FIELD_LABEL = re.compile(r'<input type="text" class="md-search__input" name="query" aria-label="(?P<label>[^"]*)"')


def with_dialog_name(html: str) -> str:
    label = FIELD_LABEL.search(html)
    if DIALOG not in html or not label:
        return html
    return html.replace(DIALOG, DIALOG[:-1] + f' aria-label="{label.group("label")}">', 1)


def on_post_page(output, page, config):
    return with_dialog_name(output)


def on_post_template(output_content, template_name, config):
    return with_dialog_name(output_content) if template_name.endswith(".html") else output_content
