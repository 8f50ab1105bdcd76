"""Open data: every table also published as JSON (and CSV when flat), per language."""

from __future__ import annotations

import csv
import io
import json

from .schema import Table


def export_path(table: Table, extension: str) -> str:
    """Path below a language's root: 'data/support-models/comparison.json'."""
    return f"data/{table.dataset}/{table.id}.{extension}"


def table_to_json(table: Table, language: str) -> str:
    document = {
        "dataset": table.dataset,
        "table": table.id,
        "language": language,
        "caption": table.caption[language],
        "source_file": table.source_file,
        "columns": [{"id": c.id, "header": c.header[language]} for c in table.columns],
        "rows": [
            {"id": row.id, **{cid: cell[language] for cid, cell in row.cells.items()}}
            for row in table.rows
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def table_to_csv(table: Table, language: str) -> str:
    if not table.is_flat:
        raise ValueError(f"{table.key} has list cells and no CSV form")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", *(c.header[language] for c in table.columns)])
    for row in table.rows:
        writer.writerow([row.id, *(row.cells[c.id][language] for c in table.columns)])
    return buffer.getvalue()
