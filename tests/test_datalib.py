"""Unit tests for hooks/datalib: loading, validation, markers, rendering, export."""

from __future__ import annotations

import csv
import io
import json
import textwrap

import pytest

from datalib.catalog import UI_KEYS, load_catalog
from datalib.errors import DataError
from datalib.export import table_to_csv, table_to_json
from datalib.markers import MarkerError, find_markers, replace_markers
from datalib.render import DownloadLinks, render_table
from datalib.schema import parse_dataset
from datalib.yaml_lines import parse_yaml

LANGS = ("en", "de")

GOOD = textwrap.dedent(
    """\
    title:
      en: Models
      de: Modelle
    sources: ["000"]
    tables:
      matrix:
        caption:
          en: A matrix
          de: Eine Matrix
        columns:
          - id: name
            header:
              en: Name
              de: Name
          - id: notes
            header:
              en: Notes
              de: Notizen
        rows:
          - id: first
            name:
              en: First
              de: Erste
            notes:
              en: One note
              de: Eine Notiz
          - id: second
            name:
              en: Second
              de: Zweite
            notes:
              en: [a, b]
              de: [c, d]
    """
)


def dataset(text: str = GOOD):
    return parse_dataset(parse_yaml(text, "data/models.yaml"), "models", LANGS)


def error_of(text: str) -> str:
    with pytest.raises(DataError) as info:
        dataset(text)
    return str(info.value)


def test_good_dataset_parses_into_typed_tables():
    ds = dataset()
    table = ds.tables["matrix"]
    assert table.key == "models/matrix"
    assert [c.id for c in table.columns] == ["name", "notes"]
    assert [r.id for r in table.rows] == ["first", "second"]
    assert table.rows[1].cells["notes"]["de"] == ["c", "d"]
    assert not table.is_flat


def test_yaml_syntax_error_names_file_and_line():
    assert error_of("title:\n  en: [unclosed\n") == "data/models.yaml:2: YAML syntax error: a [ bracket starts on this line and is not closed (did not find expected ',' or ']' on line 3)"


def test_unclosed_quote_names_the_line_it_opens():
    text = "title:\n  en: \"Support models\n  de: Modelle\nsources: []\ntables: {}\n"
    assert error_of(text) == "data/models.yaml:2: YAML syntax error: a quoted text starts on this line and is not closed (found unexpected end of stream on line 6)"


def test_duplicate_yaml_key_is_an_error_not_a_silent_overwrite():
    text = GOOD + "title:\n  en: x\n  de: y\n"
    assert error_of(text) == "data/models.yaml:34: title: duplicate key 'title' (first given on line 1)"


def test_missing_language_names_key_path_line_and_language():
    text = GOOD.replace("          de: Eine Notiz\n", "")
    assert error_of(text) == "data/models.yaml:24: tables.matrix.rows[0].notes [de]: missing language"


def test_empty_text_is_rejected_with_language():
    text = GOOD.replace("de: Erste", "de: '  '")
    assert error_of(text) == "data/models.yaml:23: tables.matrix.rows[0].name.de [de]: empty text"


def test_unknown_language_is_rejected():
    text = GOOD.replace("  de: Modelle\n", "  de: Modelle\n  xx: Modelz\n")
    assert error_of(text) == "data/models.yaml:4: title.xx: unknown language 'xx' (languages: en, de)"


def test_unknown_key_in_row_is_rejected():
    text = GOOD.replace("      - id: first\n", "      - id: first\n        colour:\n          en: red\n          de: rot\n")
    assert error_of(text) == "data/models.yaml:21: tables.matrix.rows[0].colour: unknown key 'colour' (allowed here: id, name, notes)"


def test_unknown_key_at_top_level_is_rejected():
    assert error_of(GOOD + "extra: 1\n") == "data/models.yaml:34: extra: unknown key 'extra' (allowed here: sources, tables, termbase, title)"


def test_missing_cell_is_rejected():
    text = GOOD.replace("        notes:\n          en: One note\n          de: Eine Notiz\n", "")
    assert error_of(text) == "data/models.yaml:20: tables.matrix.rows[0]: missing key 'notes'"


def test_duplicate_row_id_is_rejected():
    text = GOOD.replace("id: second", "id: first")
    assert error_of(text) == "data/models.yaml:27: tables.matrix.rows[1].id: duplicate row id 'first' (also at index 0)"


def test_invalid_id_is_rejected():
    text = GOOD.replace("id: second", "id: Second Row")
    assert error_of(text) == "data/models.yaml:27: tables.matrix.rows[1].id: invalid id 'Second Row': use lowercase letters, digits and single hyphens"


def test_mixed_list_and_text_across_languages_is_rejected():
    text = GOOD.replace("de: [c, d]", "de: c und d")
    assert error_of(text) == "data/models.yaml:31: tables.matrix.rows[1].notes: mixes lists and single texts across languages; use the same form in every language"


def test_unquoted_source_number_is_rejected():
    text = GOOD.replace('sources: ["000"]', "sources: [000]")
    assert error_of(text) == 'data/models.yaml:4: sources[0]: expected a quoted three-digit source number such as "000", found int 0'


def test_other_languages_of_must_name_a_column():
    text = GOOD.replace("    caption:\n      en: A matrix", "    other_languages_of: term\n    caption:\n      en: A matrix")
    assert error_of(text) == "data/models.yaml:7: tables.matrix.other_languages_of: names column 'term', which this table does not have (columns: name, notes)"


def test_catalog_requires_ui_strings(tmp_path):
    (tmp_path / "models.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(tmp_path, LANGS, display_root=tmp_path.parent)
    assert str(info.value) == f"{tmp_path.name}/ui.yaml: file not found (it holds the interface strings)"


def test_catalog_rejects_unknown_and_missing_ui_keys(tmp_path):
    (tmp_path / "models.yaml").write_text(GOOD, encoding="utf-8")
    good_ui = "strings:\n" + "".join(f"  {key}:\n    en: x\n    de: y\n" for key in sorted(UI_KEYS))
    (tmp_path / "ui.yaml").write_text(good_ui + "  shiny:\n    en: x\n    de: y\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(tmp_path, LANGS, display_root=tmp_path)
    assert str(info.value).startswith("ui.yaml:") and "strings.shiny: unknown key 'shiny'" in str(info.value)
    first = sorted(UI_KEYS)[0]
    (tmp_path / "ui.yaml").write_text(good_ui.replace(f"  {first}:\n    en: x\n    de: y\n", ""), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_catalog(tmp_path, LANGS, display_root=tmp_path)
    assert str(info.value) == f"ui.yaml:1: strings: missing key '{first}'"


def test_catalog_loads_the_project_data():
    from conftest import LANGUAGES, ROOT

    catalog = load_catalog(ROOT / "data", LANGUAGES)
    assert {"support-models/comparison", "operating-model/layers", "team-sourcing/in-house", "glossary/terms"} <= set(catalog.tables)
    assert len(catalog.table("support-models/comparison").rows) == 5
    assert len(catalog.table("operating-model/layers").rows) == 9


# Markers ------------------------------------------------------------------


def test_markers_are_found_outside_code_fences_only():
    text = "a\n<!-- data:table x/y -->\n```\n<!-- data:table not/me -->\n```\n  <!--data:table z/w-->  \n"
    assert [(m.name, m.line) for m in find_markers(text)] == [("x/y", 2), ("z/w", 6)]


def test_marker_replacement_keeps_other_lines():
    out = replace_markers("a\n<!-- data:table x/y -->\nb", lambda m: f"<T {m.name}>")
    assert out == "a\n\n<T x/y>\n\nb"


def test_unknown_marker_kind_and_bad_arguments_are_errors():
    with pytest.raises(MarkerError) as info:
        find_markers("x\n<!-- data:chart x/y -->")
    assert (info.value.line, info.value.message) == (2, "unknown data marker 'data:chart' (known: data:table, data:decision, data:status)")
    with pytest.raises(MarkerError) as info:
        find_markers("<!-- data:table -->")
    assert info.value.message == "data:table takes exactly one name, found 0"


# Rendering ----------------------------------------------------------------


def test_render_has_caption_header_cells_row_headers_and_anchors():
    html = render_table(dataset().tables["matrix"], "de", LANGS, DownloadLinks("Daten:", "../data/m.json", None))
    assert '<caption id="models-matrix-caption">Eine Matrix</caption>' in html
    assert '<th scope="col">Name</th>\n<th scope="col">Notizen</th>' in html
    assert '<tr id="models-matrix-first">\n<th scope="row" data-label="Name">Erste</th>\n<td data-label="Notizen">Eine Notiz</td>' in html
    assert "<ul><li>c</li><li>d</li></ul>" in html
    assert '<a href="../data/m.json" type="application/json">JSON</a>' in html and "CSV" not in html


def test_render_escapes_markup_from_data():
    text = GOOD.replace("de: Erste", "de: '<script>alert(1)</script> & <b>'")
    html = render_table(dataset(text).tables["matrix"], "de", LANGS)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in html


def test_render_lists_other_languages_when_asked():
    text = GOOD.replace("    caption:\n      en: A matrix", "    other_languages_of: name\n    caption:\n      en: A matrix")
    html = render_table(dataset(text).tables["matrix"], "en", LANGS, other_languages_header="In other languages")
    assert '<th scope="col">In other languages</th>' in html
    assert '<span lang="de" dir="auto">Erste</span>' in html


# Export -------------------------------------------------------------------


def test_json_export_is_per_language():
    data = json.loads(table_to_json(dataset().tables["matrix"], "de"))
    assert data["language"] == "de" and data["caption"] == "Eine Matrix"
    assert data["rows"][0] == {"id": "first", "name": "Erste", "notes": "Eine Notiz"}


def test_csv_export_only_for_flat_tables():
    text = GOOD.replace("en: [a, b]", "en: a b").replace("de: [c, d]", "de: c d")
    table = dataset(text).tables["matrix"]
    rows = list(csv.reader(io.StringIO(table_to_csv(table, "en"))))
    assert rows == [["id", "Name", "Notes"], ["first", "First", "One note"], ["second", "Second", "a b"]]
    with pytest.raises(ValueError):
        table_to_csv(dataset().tables["matrix"], "en")
