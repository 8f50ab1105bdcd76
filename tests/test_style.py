"""The termbase and typography check: the rules (data/typography.yaml), the
termbase (data/glossary.yaml), what counts as prose, and `make check`."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGUAGES, ROOT
from datalib.catalog import load_catalog
from datalib.errors import DataError
from datalib.style import Style, avoided_pattern, fix_markdown, markdown_slips, prose_lines, text_slips
from datalib.yaml_lines import parse_yaml
from datalib.style import parse_typography
from style import style_slips

STYLE = load_catalog(ROOT / "data", LANGUAGES, display_root=ROOT).style
RULES = {rule.id: rule for rule in STYLE.rules}


def slips(text: str, language: str, style: Style = STYLE) -> list[str]:
    return [rule for _, rule, _, _ in text_slips(text, language, style)]


def test_the_site_passes_its_own_check():
    found = style_slips(ROOT, LANGUAGES)
    assert not found, "\n".join(str(slip) for slip in found)


@pytest.mark.parametrize(
    "language, text, rule",
    [
        ("fr", "les coûts : faibles", "fr-space-before-punctuation"),
        ("fr", "Pourquoi?", "fr-space-before-punctuation"),
        ("fr", "le modèle \"partagé\"", "fr-quotes"),
        ("fr", "le modèle «\u202fpartagé»", "fr-space-before-closing-guillemet"),
        ("fr", "le modèle «partagé\u202f»", "fr-space-after-opening-guillemet"),
        ("de", "das \"geteilte\" Modell", "de-quotes"),
        ("de", "das “geteilte” Modell", "de-quotes"),
        ("hu", "a “megosztott” modell", "hu-quotes"),
        ("hu", "a megkeresések 40–60 %-a", "no-space-before-percent"),
        ("ar", "النموذج \"المشترك\"", "ar-quotes"),
        ("ar", "التكلفة, والحجم", "ar-comma"),
        ("ar", "ما النموذج المناسب?", "ar-question-mark"),
        ("ar", "ينتقل 40–60 % من الطلبات", "no-space-before-percent"),
        ("en", "between 40-60 % of requests", "range-dash"),
        ("hu", "15-20%-a", "range-dash"),
        ("de", "das  Modell", "double-space"),
        ("en", "the \"shared\" model", "en-quotes"),
    ],
)
def test_each_languages_rule_flags_its_slip(language, text, rule):
    assert rule in slips(text, language)


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "les coûts\u202f: faibles\u202f; vraiment\u00a0? «\u202fpartagé\u202f» et 10:30, 24/7."),
        ("fr", "le modèle «\u202fpartagé\u202f»"),
        ("de", "das „geteilte“ Modell, 40–60 %, veröffentlicht 2022-06-27"),
        ("hu", "a „megosztott” modell, a megkeresések 40–60%-a"),
        ("ar", "النموذج «المشترك»، ما المناسب؟ 40–60% و1,000"),
        ("en", "the “shared” model, 40–60 %, 24/7, part-time"),
    ],
)
def test_correct_typography_passes(language, text):
    assert slips(text, language) == []


def test_rules_apply_only_to_their_languages():
    # French spacing is a slip in French, not in English.
    assert "fr-space-before-punctuation" not in slips("costs : low", "en")
    assert "ar-comma" not in slips("التكلفة, والحجم", "fr")


def test_code_urls_markup_comments_and_front_matter_keys_are_not_prose():
    page = "\n".join(
        [
            "---",
            'title: "Le support : partagé"',
            'sources: ["000", "001"]',
            "translated_from_hash: 0123",
            "---",
            "",
            "Voir `a : b` et https://example.org/a?b=c ou [le lien](page.md#x \"titre\").",
            "<!-- data:table support-models/comparison -->",
            '<div class="x" markdown>',
            "<!--",
            "un commentaire : long",
            "-->",
            "```",
            'code "cité" : ici',
            "```",
            '!!! note "Le titre"',
        ]
    )
    lines = dict(prose_lines(page))
    assert not {1, 3, 4, 5, 11, 13, 14, 15} & set(lines)  # keys, comment, code
    found = markdown_slips("docs/fr/x.md", page, "fr", STYLE)
    # Only the title's colon is prose with a slip; sources' quotes, code,
    # the URL's "?", the link title's quotes and the comment are not.
    assert [(s.line, s.rule) for s in found] == [(2, "fr-space-before-punctuation")]
    assert "Le titre" in lines[16] and '"' not in lines[16]


def test_fix_changes_prose_only():
    page = "Les coûts : faibles. `a : b` [lien](x.md) ; fin.\n\n```\ncode : ici\n```\n"
    fixed, count = fix_markdown(page, "fr", STYLE)
    assert count == 2
    assert fixed == "Les coûts\u202f: faibles. `a : b` [lien](x.md)\u202f; fin.\n\n```\ncode : ici\n```\n"
    assert markdown_slips("x.md", fixed, "fr", STYLE) == []


# The termbase ------------------------------------------------------------------


def test_glossary_records_preferred_and_avoided_forms_for_the_issues_terms():
    termbase = {(u.term, u.language): u for u in load_catalog(ROOT / "data", LANGUAGES).datasets["glossary"].termbase}
    assert {"hu", "ar"} <= {language for _, language in termbase}
    for usage in termbase.values():
        assert usage.preferred and usage.avoid


def test_avoided_form_is_flagged_with_file_line_term_and_preferred_form():
    usage = next(u for ds in load_catalog(ROOT / "data", LANGUAGES).datasets.values() for u in ds.termbase)
    page = f"Első sor.\n\nA második sorban ez áll: {usage.avoid[0]}.\n"
    found = markdown_slips(f"docs/{usage.language}/x.md", page, usage.language, STYLE)
    termbase = [s for s in found if s.rule == "termbase"]
    assert len(termbase) == 1
    text = str(termbase[0])
    assert text.startswith(f"[{usage.language}] docs/{usage.language}/x.md:3: termbase:")
    assert usage.term in text and usage.preferred in text and usage.avoid[0] in text
    # The same words in another language are not that language's slip.
    other = next(language for language in LANGUAGES if language != usage.language)
    assert not [s for s in markdown_slips("x.md", page, other, STYLE) if s.rule == "termbase" and s.message == termbase[0].message]


def test_avoided_forms_match_inflections_and_arabic_clitics():
    stem = avoided_pattern("továbbküld")
    assert stem.search("a továbbküldött kérés") and stem.search("Továbbküldik")
    assert not stem.search("nem küldik tovább")
    arabic = avoided_pattern("وكلاء الدعم", r"(?:[وفبلك]?(?:ال|لل)?)")
    assert arabic.search("ويعمل لوكلاء الدعم") and arabic.search("ووكلاء الدعم")


def test_avoided_form_in_a_data_file_is_flagged_in_that_language_only(project_copy):
    usage = next(u for ds in load_catalog(ROOT / "data", LANGUAGES).datasets.values() for u in ds.termbase)
    path = project_copy / "data" / "support-models.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(i for i, l in enumerate(text.split("\n")) if re.match(rf"^\s+{usage.language}: \S", l))
    lines = text.split("\n")
    lines[line] = lines[line].rstrip() + f" {usage.avoid[0]}"
    path.write_text("\n".join(lines), encoding="utf-8")
    found = [str(s) for s in style_slips(project_copy, LANGUAGES) if s.rule == "termbase"]
    assert found and found[0].startswith(f"[{usage.language}] data/support-models.yaml:{line + 1}: termbase:")


# The rules file and the termbase are data with a schema -------------------------


def typography(text: str):
    return parse_typography(parse_yaml(text, "data/typography.yaml"), LANGUAGES)


RULE = """rules:
  - id: r
    languages: [fr]
    message: m
    pattern: '{pattern}'
    examples:
      flag: ["{flag}"]
      pass: ["ok"]
"""


@pytest.mark.parametrize(
    "text, message",
    [
        (RULE.format(pattern="(", flag="x"), "data/typography.yaml:5: rules[0].pattern: invalid regular expression"),
        (RULE.format(pattern="zz", flag="x"), "data/typography.yaml:7: rules[0].examples.flag[0]: the rule does not flag its example 'x'"),
        (RULE.format(pattern="o", flag="o"), "data/typography.yaml:8: rules[0].examples.pass[0]: the rule flags its example 'ok'"),
        (RULE.format(pattern="x", flag="x").replace("[fr]", "[xx]"), "rules[0].languages[0]: unknown language 'xx'"),
        (RULE.format(pattern="x", flag="x").replace("message: m", "mesage: m"), "unknown key 'mesage'"),
    ],
)
def test_a_broken_rule_stops_with_file_line_and_key(text, message):
    with pytest.raises(DataError) as caught:
        typography(text)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "termbase, message",
    [
        ("  no-such-term:\n    hu: {preferred: a, avoid: [b]}\n", "termbase.no-such-term: no term 'no-such-term' in this file's tables; a term that is not a row needs a 'note'"),
        ("  ticket:\n    xx: {preferred: a, avoid: [b]}\n", "termbase.ticket.xx: unknown language 'xx'"),
        ("  ticket:\n    hu: {preferred: jegy, avoid: []}\n", "termbase.ticket.hu.avoid: expected a non-empty list"),
        ("  ticket:\n    hu: {preferred: hibajegy, avoid: [hiba]}\n", "the avoided form 'hiba' is part of the preferred form 'hibajegy'"),
    ],
)
def test_a_broken_termbase_entry_stops_the_build_with_its_key(project_copy, termbase, message):
    path = project_copy / "data" / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^termbase:\n(?:(?:  .*)?\n)*", "", text, flags=re.M) + "\ntermbase:\n" + termbase
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_catalog(project_copy / "data", LANGUAGES, display_root=project_copy)
    assert str(caught.value).startswith("data/glossary.yaml:") and message in str(caught.value)


def test_make_check_reports_a_slip_and_fails(project_copy):
    page = project_copy / "docs" / "fr" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée : avec une faute.\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "translations.py"), "--root", str(project_copy), "check"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    number = len(page.read_text(encoding="utf-8").rstrip("\n").split("\n"))
    assert f"[fr] docs/fr/index.md:{number}: fr-space-before-punctuation:" in result.stdout


def test_style_fix_fixes_and_the_check_then_passes(project_copy):
    page = project_copy / "docs" / "fr" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUne phrase ajoutée : 40-60 %.\n", encoding="utf-8")
    script = [sys.executable, str(ROOT / "scripts" / "style.py"), "--root", str(project_copy)]
    before = subprocess.run(script, capture_output=True, text=True)
    assert before.returncode == 1 and "docs/fr/index.md:" in before.stdout
    fixed = subprocess.run(script + ["--fix"], capture_output=True, text=True)
    assert "docs/fr/index.md: 2 fixed" in fixed.stdout
    assert "docs/fr/index.md:" not in fixed.stdout.replace("docs/fr/index.md: 2 fixed", "")
    assert "Une phrase ajoutée\u202f: 40–60 %." in page.read_text(encoding="utf-8")


def test_style_fix_fixes_a_data_text_in_its_language_only(project_copy):
    path = project_copy / "data" / "support-models.yaml"
    lines = path.read_text(encoding="utf-8").split("\n")
    hu = next(i for i, l in enumerate(lines) if re.match(r"^\s+hu: [^\"'|>]", l))
    en = next(i for i, l in enumerate(lines) if re.match(r"^\s+en: [^\"'|>]", l))
    lines[hu] += " 40-60 %-a"
    lines[en] += " (40 %)"  # a space before % is a slip in Hungarian, not in English
    path.write_text("\n".join(lines), encoding="utf-8")
    fixed = subprocess.run([sys.executable, str(ROOT / "scripts" / "style.py"), "--root", str(project_copy), "--fix"], capture_output=True, text=True)
    assert "data/support-models.yaml: 2 fixed" in fixed.stdout, fixed.stdout
    after = path.read_text(encoding="utf-8").split("\n")
    assert after[hu].endswith(" 40–60%-a") and after[en].endswith(" (40 %)")
