"""MkDocs hook: what a page carries for paper, and its "Download PDF" link.

- Every page with `sources:` in its front matter ends with a print-only
  colophon in the page's language: the source articles it rests on (from
  data/sources.yaml) and the page's absolute URL (from site_url). The print
  stylesheet (assets/stylesheets/library.css, `@media print`) shows it on
  paper only.
- Each article (the pages under `Articles` in mkdocs.yml's nav) gets a
  "Download PDF" link only when `make pdf` (scripts/pdf.py) printed that
  page, as it is now, into the PDF cache (.cache/pdf/, or $PDF_CACHE). The
  cached file's name holds a digest of what the PDF shows (the article as
  rendered, the page's stylesheets, the printer script), so a page that
  changed since its PDF was printed gets no link rather than a stale PDF,
  and a plain `make build` or `make serve` without PDFs shows no dead link.
  The PDF is copied next to the page (`<page>/<page>-<lang>.pdf`).
- With $PDF_MANIFEST set, the build writes there which PDFs each article
  needs (URL, cache file): scripts/pdf.py prints exactly those.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from html import escape
from pathlib import Path

from mkdocs.plugins import event_priority

from head_links import absolute
from site_data import catalog, ui_strings
from site_languages import current_language, direction, is_article, project_root

ARTICLE_OPEN = re.compile(r'<article class="md-content__inner md-typeset"[^>]*>')
ARTICLE_CLOSE = "</article>"
H1_END = "</h1>"
HTML_TAG = re.compile(r"<html\b[^>]*>")
STYLESHEETS = re.compile(r'<link rel="stylesheet" href="[^"]*"')
SOURCES_TABLE = "sources/articles"
PRINTER = Path("scripts/pdf.py")

# (language, page source) -> what scripts/pdf.py needs to print it.
_manifest: dict[tuple[str, str], dict] = {}


def cache_dir(config) -> Path:
    return Path(os.environ.get("PDF_CACHE") or project_root(config) / ".cache" / "pdf")


def pdf_name(page, language: str) -> str:
    return f"{Path(page.file.norm_src_uri).stem}-{language}.pdf"


def colophon(page, config, language: str) -> str:
    """The print-only end of a page: its sources and its address."""
    ui = ui_strings(config)
    table = catalog().table(SOURCES_TABLE)
    rows = {row.id: row for row in table.rows}
    items = []
    for number in page.meta.get("sources") or []:
        row = rows.get(str(number))
        if row is None:
            continue
        number = escape(row.id)
        # A number beside right-to-left text is laid out on its own.
        if direction(config, language) == "rtl":
            number = f'<bdi class="print-colophon__number" dir="ltr">{number}</bdi>'
        else:
            number = f'<span class="print-colophon__number">{number}</span>'
        values = {"number": number}
        values.update({key: escape(row.cells[key][language]) for key in ("topic", "language", "published")})
        text = escape(ui["print_source"])
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        items.append(f"<li>{text}</li>")
    url = absolute(config, page.url)
    parts = ['<aside class="print-colophon">']
    if items:
        parts.append(f'<p class="print-colophon__title">{escape(ui["print_sources"])}</p><ul>{"".join(items)}</ul>')
    parts.append(
        f'<p>{escape(ui["print_url"])} <a href="{escape(url)}" dir="ltr">{escape(url)}</a></p>'
    )
    parts.append("</aside>")
    return "".join(parts)


def print_digest(output: str, article: str, config) -> str:
    """What the printed PDF depends on: the article as rendered, the page's
    direction and language, its stylesheets and the printer script."""
    digest = hashlib.sha256()
    html_tag = HTML_TAG.search(output)
    digest.update((html_tag.group(0) if html_tag else "").encode())
    for link in STYLESHEETS.findall(output):
        digest.update(link.encode())
    docs = Path(config.docs_dir)
    for css in config.extra_css:
        path = docs / str(css)
        if path.is_file():
            digest.update(path.read_bytes())
    printer = project_root(config) / PRINTER
    if printer.is_file():
        digest.update(printer.read_bytes())
    digest.update(article.encode())
    return digest.hexdigest()[:16]


def size_label(size: int) -> str:
    return str(max(1, round(size / 1024)))


@event_priority(-100)  # after every hook that changes the article
def on_post_page(output, page, config):
    opening = ARTICLE_OPEN.search(output)
    if not opening or not page.meta.get("sources"):
        return output
    end = output.find(ARTICLE_CLOSE, opening.end())
    if end < 0:
        return output
    language = current_language(config)
    output = output[:end] + colophon(page, config, language) + output[end:]
    if not is_article(config, page):
        return output

    end = output.find(ARTICLE_CLOSE, opening.end())
    digest = print_digest(output, output[opening.start() : end], config)
    stem = Path(page.file.norm_src_uri).stem
    cached = cache_dir(config) / language / f"{stem}-{digest}.pdf"
    _manifest[(language, page.file.norm_src_uri)] = {
        "language": language,
        "page": page.file.norm_src_uri,
        "url": page.url,
        "cache": str(cached),
    }
    if not cached.is_file():
        return output

    name = pdf_name(page, language)
    target = Path(config.site_dir) / page.url / name if page.url.endswith("/") else Path(config.site_dir) / Path(page.url).parent / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    ui = ui_strings(config)
    label = ui["pdf_download"].replace("{size}", size_label(cached.stat().st_size))
    link = (
        f'<p class="pdf-download"><a href="{escape(name)}" download="{escape(name)}" '
        f'type="application/pdf" hreflang="{language}">{escape(label)}</a></p>'
    )
    heading = output.find(H1_END, opening.end(), end)
    at = heading + len(H1_END) if heading >= 0 else opening.end()
    return output[:at] + link + output[at:]


def on_post_build(config):
    target = os.environ.get("PDF_MANIFEST")
    if target and _manifest:
        entries = sorted(_manifest.values(), key=lambda e: (e["language"], e["page"]))
        Path(target).write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
