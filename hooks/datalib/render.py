"""Render a validated table as accessible HTML in one language.

Every text from YAML goes through html.escape, so data cannot inject markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .schema import Cell, Table


@dataclass(frozen=True)
class DownloadLinks:
    """Where this table's open data lives, relative to the page showing it."""

    label: str
    json_href: str
    csv_href: str | None


def anchor_id(table: Table, row_id: str | None = None) -> str:
    """Stable HTML ids: 'support-models-comparison' and '...-comparison-cost'."""
    base = f"{table.dataset}-{table.id}"
    return f"{base}-{row_id}" if row_id else base


def render_table(
    table: Table,
    language: str,
    languages: tuple[str, ...],
    downloads: DownloadLinks | None = None,
    other_languages_header: str = "",
) -> str:
    headers = [column.header[language] for column in table.columns]
    other = table.other_languages_of
    if other:
        headers.append(other_languages_header)
    caption_id = f"{anchor_id(table)}-caption"
    out = [
        f'<div class="data-table" id="{anchor_id(table)}" data-table="{escape(table.key)}">',
        # A focusable, labelled region so keyboard users can scroll a wide table.
        f'<div class="data-table__scroll" role="region" aria-labelledby="{caption_id}" tabindex="0">',
        "<table>",
        f'<caption id="{caption_id}">{escape(table.caption[language])}</caption>',
        # Cells are separated by newlines so that text extracted from the page
        # (the search index) keeps the words of adjacent cells apart.
        "<thead><tr>\n" + "\n".join(f'<th scope="col">{escape(h)}</th>' for h in headers) + "\n</tr></thead>",
        "<tbody>",
    ]
    for row in table.rows:
        cells = []
        for position, column in enumerate(table.columns):
            label = escape(headers[position])
            content = _cell_html(row.cells[column.id], language)
            if position == 0:
                cells.append(f'<th scope="row" data-label="{label}">{content}</th>')
            else:
                cells.append(f'<td data-label="{label}">{content}</td>')
        if other:
            cells.append(f'<td data-label="{escape(other_languages_header)}">{_other_languages(row.cells[other], language, languages)}</td>')
        out.append(f'<tr id="{anchor_id(table, row.id)}">\n' + "\n".join(cells) + "\n</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    if downloads:
        links = [f'<a href="{escape(downloads.json_href)}" type="application/json">JSON</a>']
        if downloads.csv_href:
            links.append(f'<a href="{escape(downloads.csv_href)}" type="text/csv">CSV</a>')
        out.append(f'<p class="data-table__downloads">{escape(downloads.label)} {" · ".join(links)}</p>')
    out.append("</div>")
    return "\n".join(out)


def _cell_html(cell: Cell, language: str) -> str:
    value = cell[language]
    if isinstance(value, list):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in value) + "</ul>"
    return escape(value)


def _other_languages(cell: Cell, language: str, languages: tuple[str, ...]) -> str:
    # Each term carries its own lang (and dir via CSS) so screen readers and
    # the Arabic shaping engine treat it right inside another language's page.
    items = [
        f'<li><span class="data-table__lang">{escape(other)}</span> '
        f'<span lang="{other}" dir="auto">{escape(str(cell[other]))}</span></li>'
        for other in languages
        if other != language
    ]
    return '<ul class="data-table__terms">' + "".join(items) + "</ul>"
