"""The declared schema of the data files, as typed classes and the checks that
build them. A file is turned into these classes only if it passes every check;
the first problem found raises a DataError naming file, line, key path and
language.

Shape of a table data set (data/<dataset>.yaml):

    title: {en: ..., de: ..., fr: ..., hu: ..., ar: ...}
    sources: ["000", "001"]         # source article numbers, see Sources page
    tables:
      <table-id>:
        caption: {<lang>: text}
        other_languages_of: <column-id>   # optional: list that column's text
                                          # in the other languages too
        columns:
          - id: <column-id>
            header: {<lang>: text}
        rows:
          - id: <row-id>
            <column-id>: {<lang>: text}           # a text cell
            <column-id>: {<lang>: [text, text]}   # a list cell

    termbase:                       # optional (data/glossary.yaml): how running
      <row-id>:                     # text writes a term, per language
        <lang>: {preferred: text, avoid: [text, ...]}
      <term-id>:                    # a term with no row of its own
        note: what the term is
        <lang>: {preferred: text, avoid: [text, ...]}

Shape of the interface strings (data/ui.yaml):

    strings:
      <key>: {<lang>: text}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Union

from .style import avoided_pattern
from .yaml_lines import KeyPath, LinedDocument

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SOURCE_PATTERN = re.compile(r"^\d{3}$")

Localized = dict[str, str]
LocalizedList = dict[str, list[str]]
Cell = Union[Localized, LocalizedList]


@dataclass(frozen=True)
class Column:
    id: str
    header: Localized


@dataclass(frozen=True)
class Row:
    id: str
    cells: dict[str, Cell]


@dataclass(frozen=True)
class Table:
    dataset: str
    id: str
    caption: Localized
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source_file: str
    other_languages_of: str | None = None

    @property
    def key(self) -> str:
        """The name used in Markdown markers: '<dataset>/<table>'."""
        return f"{self.dataset}/{self.id}"

    @property
    def is_flat(self) -> bool:
        """True when every cell is one text, so the table fits a CSV file."""
        return all(
            isinstance(value, str)
            for row in self.rows
            for cell in row.cells.values()
            for value in cell.values()
        )


@dataclass(frozen=True)
class TermUsage:
    """The termbase entry of one term in one language."""

    term: str
    language: str
    preferred: str
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class DataSet:
    id: str
    title: Localized
    sources: tuple[str, ...]
    tables: dict[str, Table]
    termbase: tuple[TermUsage, ...] = ()


@dataclass(frozen=True)
class UiStrings:
    strings: dict[str, Localized]

    def get(self, key: str, language: str) -> str:
        return self.strings[key][language]


class Checker:
    """Small typed checks over one parsed document, each raising on the first
    problem with the document's file and line."""

    def __init__(self, doc: LinedDocument, languages: tuple[str, ...]):
        self.doc = doc
        self.languages = languages

    def fail(self, path: KeyPath, message: str, language: str | None = None):
        raise self.doc.error(path, message, language)

    def mapping(self, value: Any, path: KeyPath, required: set[str], optional: set[str] = frozenset()) -> dict:
        if not isinstance(value, dict):
            self.fail(path, f"expected a mapping of keys, found {_kind(value)}")
        for key in value:
            if key not in required and key not in optional:
                allowed = ", ".join(sorted(required | set(optional)))
                self.fail(path + (key,), f"unknown key '{key}' (allowed here: {allowed})")
        for key in sorted(required):
            if key not in value:
                self.fail(path, f"missing key '{key}'")
        return value

    def sequence(self, value: Any, path: KeyPath, what: str) -> list:
        if not isinstance(value, list) or not value:
            self.fail(path, f"expected a non-empty list of {what}, found {_kind(value)}")
        return value

    def identifier(self, value: Any, path: KeyPath) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.fail(path, f"invalid id {value!r}: use lowercase letters, digits and single hyphens")
        return value

    def source_numbers(self, value: Any, path: KeyPath) -> tuple[str, ...]:
        """The source articles a file rests on: quoted numbers such as "000"."""
        numbers = self.sequence(value, path, "source numbers")
        for index, number in enumerate(numbers):
            if not isinstance(number, str) or not SOURCE_PATTERN.match(number):
                self.fail(path + (index,), f"expected a quoted three-digit source number such as \"000\", found {_kind(number)}")
        return tuple(numbers)

    def unique_ids(self, items: list[dict], path: KeyPath, what: str) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = item["id"]
            if item_id in seen:
                self.fail(path + (index, "id"), f"duplicate {what} id '{item_id}' (also at index {seen[item_id]})")
            seen[item_id] = index

    def language(self, language: Any, path: KeyPath) -> str:
        if language not in self.languages:
            self.fail(path, f"unknown language '{language}' (languages: {', '.join(self.languages)})")
        return language

    def localized(self, value: Any, path: KeyPath, allow_lists: bool = False) -> Cell:
        """A text (or list of texts) in every language, none empty."""
        if not isinstance(value, dict):
            self.fail(path, f"expected one text per language ({', '.join(self.languages)}), found {_kind(value)}")
        for language in value:
            self.language(language, path + (language,))
        for language in self.languages:
            if language not in value:
                self.fail(path, "missing language", language)
            text = value[language]
            if isinstance(text, list) and allow_lists:
                if not text:
                    self.fail(path + (language,), "empty list", language)
                for index, item in enumerate(text):
                    self.text(item, path + (language, index), language)
            else:
                self.text(text, path + (language,), language)
        kinds = {isinstance(text, list) for text in value.values()}
        if len(kinds) > 1:
            self.fail(path, "mixes lists and single texts across languages; use the same form in every language")
        return dict(value)

    def text(self, text: Any, path: KeyPath, language: str) -> None:
        if not isinstance(text, str):
            self.fail(path, f"expected text, found {_kind(text)}", language)
        if not text.strip():
            self.fail(path, "empty text", language)


def parse_dataset(doc: LinedDocument, dataset_id: str, languages: tuple[str, ...]) -> DataSet:
    check = Checker(doc, languages)
    root = check.mapping(doc.data, (), {"title", "sources", "tables"}, {"termbase"})
    title = check.localized(root["title"], ("title",))
    sources = check.source_numbers(root["sources"], ("sources",))
    tables_raw = root["tables"]
    if not isinstance(tables_raw, dict) or not tables_raw:
        check.fail(("tables",), "expected a mapping of table ids to tables")
    tables = {}
    for table_id, table_raw in tables_raw.items():
        check.identifier(table_id, ("tables", table_id))
        tables[table_id] = _parse_table(check, table_raw, ("tables", table_id), dataset_id, table_id)
    termbase = _parse_termbase(check, root["termbase"], tables) if "termbase" in root else ()
    return DataSet(dataset_id, title, sources, tables, termbase)


def _parse_termbase(check: Checker, raw: Any, tables: dict[str, Table]) -> tuple[TermUsage, ...]:
    """Each entry names a row of this file's tables: the term it is about."""
    path = ("termbase",)
    if not isinstance(raw, dict) or not raw:
        check.fail(path, f"expected a mapping of term ids to languages, found {_kind(raw)}")
    row_ids = {row.id for table in tables.values() for row in table.rows}
    usages = []
    for term, per_language in raw.items():
        term_path = path + (term,)
        check.identifier(term, term_path)
        if not isinstance(per_language, dict) or not per_language:
            check.fail(term_path, f"expected a mapping of languages ({', '.join(check.languages)}), found {_kind(per_language)}")
        # A term that is no glossary row says what it is, so a typo in a
        # row id cannot pass for a new term.
        if term not in row_ids and not isinstance(per_language.get("note"), str):
            check.fail(term_path, f"no term '{term}' in this file's tables; a term that is not a row needs a 'note' saying what it is (terms: {', '.join(sorted(row_ids))})")
        for language, entry in per_language.items():
            if language == "note":
                continue
            entry_path = term_path + (language,)
            check.language(language, entry_path)
            entry = check.mapping(entry, entry_path, {"preferred", "avoid"})
            check.text(entry["preferred"], entry_path + ("preferred",), language)
            avoid = check.sequence(entry["avoid"], entry_path + ("avoid",), "variants to avoid")
            for index, variant in enumerate(avoid):
                check.text(variant, entry_path + ("avoid", index), language)
                if avoided_pattern(variant).search(entry["preferred"]):
                    check.fail(entry_path + ("avoid", index), f"the avoided form '{variant}' is part of the preferred form '{entry['preferred']}'", language)
            usages.append(TermUsage(term, language, entry["preferred"], tuple(avoid)))
    return tuple(usages)


def _parse_table(check: Checker, raw: Any, path: KeyPath, dataset_id: str, table_id: str) -> Table:
    table = check.mapping(raw, path, {"caption", "columns", "rows"}, {"other_languages_of"})
    caption = check.localized(table["caption"], path + ("caption",))

    columns_raw = check.sequence(table["columns"], path + ("columns",), "columns")
    columns = []
    for index, column_raw in enumerate(columns_raw):
        column_path = path + ("columns", index)
        column = check.mapping(column_raw, column_path, {"id", "header"})
        check.identifier(column["id"], column_path + ("id",))
        columns.append(Column(column["id"], check.localized(column["header"], column_path + ("header",))))
    check.unique_ids(columns_raw, path + ("columns",), "column")
    column_ids = [column.id for column in columns]
    if "id" in column_ids:
        check.fail(path + ("columns",), "a column may not be called 'id' (rows use 'id' for their own id)")

    rows_raw = check.sequence(table["rows"], path + ("rows",), "rows")
    rows = []
    for index, row_raw in enumerate(rows_raw):
        row_path = path + ("rows", index)
        row = check.mapping(row_raw, row_path, {"id", *column_ids})
        check.identifier(row["id"], row_path + ("id",))
        cells = {cid: check.localized(row[cid], row_path + (cid,), allow_lists=True) for cid in column_ids}
        rows.append(Row(row["id"], cells))
    check.unique_ids(rows_raw, path + ("rows",), "row")

    other = table.get("other_languages_of")
    if other is not None and other not in column_ids:
        check.fail(path + ("other_languages_of",), f"names column '{other}', which this table does not have (columns: {', '.join(column_ids)})")
    return Table(dataset_id, table_id, caption, tuple(columns), tuple(rows), check.doc.file, other)


def parse_ui_strings(doc: LinedDocument, languages: tuple[str, ...], required_keys: frozenset[str]) -> UiStrings:
    """Interface strings: exactly the keys the templates and hooks use."""
    check = Checker(doc, languages)
    root = check.mapping(doc.data, (), {"strings"})
    raw = root["strings"]
    if not isinstance(raw, dict):
        check.fail(("strings",), f"expected a mapping of string keys, found {_kind(raw)}")
    strings = {}
    for key, value in raw.items():
        if key not in required_keys:
            check.fail(("strings", key), f"unknown key '{key}' (no template or hook uses it)")
        strings[key] = check.localized(value, ("strings", key))
    for key in sorted(required_keys):
        if key not in strings:
            check.fail(("strings",), f"missing key '{key}'")
    return UiStrings(strings)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"the text {value!r}"
    return f"{type(value).__name__} {value!r}"
