"""MkDocs hook: put the text direction on <html> as well as on <body>.

Material writes dir only on <body>; the root element must carry it so that
browsers, screen readers and crawlers see Arabic pages as right-to-left from
the first byte. The direction is copied from <body>, where Material put the
value of the language being built, so there is one source of truth.
"""

from __future__ import annotations

import re

BODY_DIR = re.compile(r'<body\b[^>]*?\sdir="(?P<dir>rtl|ltr)"')
HTML_TAG = re.compile(r"<html\b(?P<attrs>[^>]*)>")


def with_html_dir(html: str) -> str:
    body = BODY_DIR.search(html)
    if not body:
        return html

    def add_dir(match: re.Match) -> str:
        attrs = re.sub(r'\sdir="[^"]*"', "", match.group("attrs"))
        return f'<html{attrs} dir="{body.group("dir")}">'

    return HTML_TAG.sub(add_dir, html, count=1)


def on_post_page(output, page, config):
    return with_html_dir(output)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):
        return with_html_dir(output_content)
    return output_content
