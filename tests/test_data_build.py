"""Data through a real build: tables in every language, open data files, and
clean one-message failures for every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import LANGUAGES, run_mkdocs_build
from datalib.catalog import load_catalog

TABLES_ON_PAGES = {
    "shared-vs-dedicated": ["support-models/characteristics", "support-models/comparison", "support-models/fit"],
    "operating-model": ["operating-model/layers", "operating-model/location-structures", "operating-model/location-hubs", "operating-model/technologies"],
    "in-house-vs-outsourced": ["team-sourcing/sizing-metrics", "team-sourcing/in-house", "team-sourcing/outsourced"],
    "glossary": ["glossary/terms"],
    "sources": ["sources/articles"],
}


@pytest.fixture(scope="module")
def catalog():
    from conftest import ROOT

    return load_catalog(ROOT / "data", LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", sorted(TABLES_ON_PAGES))
def test_tables_render_in_the_language_being_built(soup_of, catalog, language, page):
    soup = soup_of(language, page)
    rendered = [div["data-table"] for div in soup.select("div.data-table")]
    assert rendered == TABLES_ON_PAGES[page]
    for key in rendered:
        table = catalog.table(key)
        element = soup.select_one(f'div[data-table="{key}"] table')
        assert " ".join(element.caption.get_text().split()) == " ".join(table.caption[language].split())
        headers = [" ".join(th.get_text().split()) for th in element.select("thead th[scope=col]")]
        assert headers[: len(table.columns)] == [c.header[language] for c in table.columns]
        body_rows = element.select("tbody tr")
        assert len(body_rows) == len(table.rows)
        for tr, row in zip(body_rows, table.rows):
            first = tr.find("th", attrs={"scope": "row"})
            value = row.cells[table.columns[0].id][language]
            # get_text() joined, not strip=True: Arabic cells hold <bdi> runs (hooks/bidi_isolation.py).
            assert " ".join(first.get_text().split()) == " ".join(value.split())
            assert tr["id"] == f"{table.dataset}-{table.id}-{row.id}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_open_data_is_published_and_linked(site, soup_of, catalog, language):
    soup = soup_of("en" if language == "en" else language, "shared-vs-dedicated")
    link = soup.select_one('div[data-table="support-models/comparison"] .data-table__downloads a[type="application/json"]')
    assert link["href"] == "../data/support-models/comparison.json"
    root = site if language == "en" else site / language
    data = json.loads((root / "data/support-models/comparison.json").read_text(encoding="utf-8"))
    assert data["language"] == language
    assert [r["id"] for r in data["rows"]] == ["cost", "volume", "agent-involvement", "control", "interaction-quantity"]
    assert (root / "data/support-models/comparison.csv").read_text(encoding="utf-8").startswith("id,")
    # A table with list cells is JSON only.
    assert (root / "data/operating-model/layers.json").is_file()
    assert not (root / "data/operating-model/layers.csv").exists()


def test_glossary_lists_each_term_in_the_other_languages(soup_of, catalog):
    table = catalog.table("glossary/terms")
    soup = soup_of("hu", "glossary")
    row = soup.select_one("tr#glossary-terms-itil")
    spans = {span["lang"]: span.get_text() for span in row.select("span[lang]")}
    assert set(spans) == {"en", "de", "fr", "ar"}
    itil = next(r for r in table.rows if r.id == "itil")
    assert spans["ar"] == itil.cells["term"]["ar"]


# Bad input stops the build with one clear message --------------------------


def break_and_build(project: Path, relative: str, old: str, new: str, tmp_path: Path):
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {relative}"
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    result = run_mkdocs_build(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert path.read_text(encoding="utf-8") == broken, "the contributor's file is left untouched"
    return [line for line in output.splitlines() if "error" in line.lower()]


def test_yaml_syntax_error_fails_cleanly(project_copy, tmp_path):
    lines = break_and_build(project_copy, "data/support-models.yaml", "tables:\n", "tables: [\n", tmp_path)
    assert any(line.startswith("ERROR") and "Data error: data/support-models.yaml:" in line and "YAML syntax error" in line for line in lines), lines


def test_missing_language_fails_with_path_and_language(project_copy, tmp_path):
    text = (project_copy / "data/support-models.yaml").read_text(encoding="utf-8")
    start = text.index("      - id: cost")
    hu_line = next(line for line in text[start:].splitlines() if line.strip().startswith("hu:"))
    # The message points at the key whose language is missing.
    key_line = text[: text.index("        dimension:", start)].count("\n") + 1
    lines = break_and_build(project_copy, "data/support-models.yaml", hu_line + "\n", "", tmp_path)
    assert any(f"Data error: data/support-models.yaml:{key_line}: tables.comparison.rows[0].dimension [hu]: missing language" in line for line in lines), lines


def test_unknown_key_fails(project_copy, tmp_path):
    lines = break_and_build(project_copy, "data/team-sourcing.yaml", "      - id: product-knowledge\n", "      - id: product-knowledge\n        colour: red\n", tmp_path)
    assert any("tables.in-house.rows[0].colour: unknown key 'colour'" in line for line in lines), lines


def test_marker_naming_a_missing_table_fails_with_page_line_and_language(project_copy, tmp_path):
    page = project_copy / "docs/fr/shared-vs-dedicated.md"
    line_no = page.read_text(encoding="utf-8").splitlines().index("<!-- data:table support-models/comparison -->") + 1
    lines = break_and_build(project_copy, "docs/fr/shared-vs-dedicated.md", "<!-- data:table support-models/comparison -->", "<!-- data:table support-models/compare -->", tmp_path)
    expected = f"Data marker error: docs/fr/shared-vs-dedicated.md:{line_no} [fr]: no table 'support-models/compare' (tables: "
    assert any(expected in line for line in lines), lines


@pytest.mark.slow
def test_markup_in_data_is_escaped_in_the_built_page(project_copy, tmp_path):
    path = project_copy / "data/support-models.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("en: Cost\n", "en: '<img src=x onerror=alert(1)>Cost'\n", 1), encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/shared-vs-dedicated/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;Cost" in html
