"""The decision helper: rules (unit), schema errors, the static table, and the
form in a browser."""

from __future__ import annotations

import json
import textwrap
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from conftest import LANGUAGES, ROOT, page_path, page_url
from datalib.catalog import load_catalog
from datalib.decision import evaluate, parse_decision_helper
from datalib.errors import DataError
from datalib.yaml_lines import parse_yaml


@pytest.fixture(scope="module")
def helper():
    return load_catalog(ROOT / "data", LANGUAGES).decision


def outcomes(helper, **answers):
    return {decision: verdict.outcome for decision, verdict in evaluate(helper, answers).items()}


# The rules ------------------------------------------------------------------

CASES = [
    # (answers, support model, team)
    ({"interactions": 100}, "shared", "either"),
    ({"interactions": 101}, "dedicated", "either"),
    ({"interactions": 0}, "shared", "either"),
    ({"interactions": 50, "coverage": "round-the-clock"}, "combined", "outsourced"),
    ({"interactions": 5000, "coverage": "round-the-clock"}, "dedicated", "outsourced"),
    ({"interactions": 80, "pattern": "seasonal", "cost": "flexible"}, "shared", "either"),
    ({"interactions": 400, "control": "own", "cost": "fixed"}, "dedicated", "in-house"),
    ({"interactions": 400, "pattern": "seasonal"}, "combined", "either"),
    ({"product": "unusual"}, "combined", "in-house"),
    ({"product": "unusual", "hiring": "fast"}, "combined", "either"),
    ({"cost": "lowest", "hiring": "fast", "product": "unusual"}, "combined", "outsourced"),
    ({}, "combined", "either"),
]


@pytest.mark.parametrize("answers,support_model,team", CASES)
def test_rules_on_boundary_cases(helper, answers, support_model, team):
    assert outcomes(helper, **answers) == {"support-model": support_model, "team": team}


def test_reasons_are_the_rules_that_fired(helper):
    verdicts = evaluate(helper, {"interactions": 100, "coverage": "round-the-clock"})
    assert [rule.id for rule in verdicts["support-model"].rules] == ["low-volume", "round-the-clock-dedicated"]
    assert verdicts["support-model"].counts == {"shared": 1, "dedicated": 1, "combined": 0}
    assert [rule.id for rule in verdicts["team"].rules] == ["round-the-clock-outsourced"]


# Schema ---------------------------------------------------------------------

MINIMAL = textwrap.dedent(
    """\
    title: {en: T}
    sources: ["000"]
    labels: {intro: {en: a}, submit: {en: a}, result_heading: {en: a}, reasons: {en: a}, read_more: {en: a}, rules_caption: {en: a}, col_answer: {en: a}, col_points: {en: a}, col_reason: {en: a}, tie_note: {en: a}, invalid_number: {en: a}}
    questions:
      - id: volume
        type: number
        label: {en: "How many"}
      - id: hours
        type: choice
        label: {en: "When"}
        answers:
          - {id: day, label: {en: Day}}
          - {id: always, label: {en: Always}}
    decisions:
      - id: model
        label: {en: Model}
        tie: both
        outcomes:
          - {id: shared, label: {en: S}, summary: {en: s}, page: a.md}
          - {id: both, label: {en: B}, summary: {en: b}, page: a.md#x}
    rules:
      - id: low
        when: {volume: {at_most: 100}}
        counts_for: {model: shared}
        reason: {en: r}
        source: support-models/comparison#volume
    """
)


def decision_error(text):
    tables = load_catalog(ROOT / "data", LANGUAGES).tables
    with pytest.raises(DataError) as info:
        parse_decision_helper(parse_yaml(text, "data/decision-helper.yaml"), ("en",), tables)
    return str(info.value)


def test_minimal_decision_helper_parses():
    tables = load_catalog(ROOT / "data", LANGUAGES).tables
    parsed = parse_decision_helper(parse_yaml(MINIMAL, "data/decision-helper.yaml"), ("en",), tables)
    assert outcomes(parsed, volume=100) == {"model": "shared"}
    assert outcomes(parsed, volume=101) == {"model": "both"}


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("when: {volume: {at_most: 100}}", "when: {colour: red}", "data/decision-helper.yaml:23: rules[0].when.colour: no question 'colour' (questions: volume, hours)"),
        ("when: {volume: {at_most: 100}}", "when: {hours: night}", "data/decision-helper.yaml:23: rules[0].when.hours: question 'hours' has no answer 'night' (answers: day, always)"),
        ("when: {volume: {at_most: 100}}", "when: {volume: {below: 100}}", "data/decision-helper.yaml:23: rules[0].when.volume: a number question's condition is 'at_most: <whole number>' or 'more_than: <whole number>'"),
        ("counts_for: {model: shared}", "counts_for: {model: dedicated}", "data/decision-helper.yaml:24: rules[0].counts_for.model: decision 'model' has no outcome 'dedicated'"),
        ("source: support-models/comparison#volume", "source: support-models/comparison#speed", "data/decision-helper.yaml:26: rules[0].source: table 'support-models/comparison' has no row 'speed'"),
        ("tie: both", "tie: neither", "data/decision-helper.yaml:17: decisions[0].tie: names outcome 'neither', which this decision does not have (outcomes: shared, both)"),
        ("reason: {en: r}", "reason: {en: ''}", "data/decision-helper.yaml:25: rules[0].reason.en [en]: empty text"),
        ('sources: ["000"]', "sources: [000]", 'data/decision-helper.yaml:2: sources[0]: expected a quoted three-digit source number such as "000", found int 0'),
    ],
)
def test_decision_helper_errors_name_file_line_and_key(old, new, message):
    assert old in MINIMAL
    assert decision_error(MINIMAL.replace(old, new)) == message


# The built page -------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_static_decision_table_lists_every_rule_with_a_working_link(site, soup_of, helper, language):
    soup = soup_of(language, "decision-helper")
    rows = soup.select("#decision-helper-rules tbody tr")
    assert [row["id"] for row in rows] == [f"decision-rule-{rule.id}" for rule in helper.rules]
    here = page_url(language, "decision-helper")
    for row, rule in zip(rows, helper.rules):
        assert rule.reason[language] in row.get_text()
        href = row.find("a")["href"]
        target = urljoin(here, href)
        path, fragment = urlsplit(target).path, urlsplit(target).fragment
        page = path.strip("/").split("/")[-1] or "index"
        assert path == page_url(language, page)
        assert fragment == f"{rule.source_table.replace('/', '-')}-{rule.source_row}"
        assert soup_of(language, page).find(id=fragment) is not None, (language, href)
    # Without JavaScript the form stays hidden and the table is the guide.
    assert soup.select_one("form.decision-helper__form").has_attr("hidden")


def test_decision_data_in_page_is_escaped_json(soup_of):
    script = soup_of("ar", "decision-helper").select_one("script.decision-helper__data")
    data = json.loads(script.string)
    assert data["labels"]["submit"] and len(data["rules"]) >= 10
    assert "<" not in script.string


# In the browser -------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize(
    "language,fill,expected",
    [
        ("en", {"interactions": "100", "coverage": "business-hours", "pattern": "seasonal"}, {"support-model": "shared", "team": "either"}),
        ("de", {"interactions": "101", "control": "own", "product": "unusual"}, {"support-model": "dedicated", "team": "in-house"}),
        ("ar", {"interactions": "40", "coverage": "round-the-clock"}, {"support-model": "combined", "team": "outsourced"}),
    ],
)
def test_form_gives_the_recommendation(page, served_site, language, fill, expected):
    page.goto(served_site + page_url(language, "decision-helper"))
    for question, value in fill.items():
        if question == "interactions":
            page.fill("#dh-interactions", value)
        else:
            page.check(f'input[name="{question}"][value="{value}"]')
    page.focus("#dh-interactions")
    page.keyboard.press("Enter")  # submits from the keyboard
    result = page.locator(".decision-helper__result")
    result.wait_for(state="visible")
    assert result.get_attribute("aria-live") == "polite"
    shown = {v.get_attribute("data-decision"): v.get_attribute("data-outcome") for v in page.locator(".decision-helper__verdict").all()}
    assert shown == expected
    assert page.evaluate("document.activeElement.id") == "recommendation"
    assert page.evaluate("getComputedStyle(document.querySelector('.decision-helper__result')).direction") == ("rtl" if language == "ar" else "ltr")
    # Every reason links to the row it comes from.
    for href in page.locator(".decision-helper__verdict li a").evaluate_all("links => links.map(a => a.href)"):
        assert "#" in href


@pytest.mark.browser
def test_invalid_number_is_announced_not_evaluated(page, served_site):
    page.goto(served_site + page_url("fr", "decision-helper"))
    page.fill("#dh-interactions", "-3")
    page.click("form.decision-helper__form button[type=submit]")
    assert page.locator("#dh-interactions-error").is_visible()
    assert page.get_attribute("#dh-interactions", "aria-invalid") == "true"
    assert page.locator(".decision-helper__result").is_hidden()


@pytest.mark.browser
def test_script_and_python_agree_on_every_case(page, served_site, helper):
    page.goto(served_site + page_url("hu", "decision-helper"))
    data = page.evaluate("JSON.parse(document.querySelector('.decision-helper__data').textContent)")
    for answers, support_model, team in CASES:
        got = page.evaluate("([data, answers]) => { const v = window.decisionHelper.evaluate(data, answers); return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x.outcome])); }", [data, answers])
        assert got == outcomes(helper, **answers) == {"support-model": support_model, "team": team}, answers


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_form_is_not_shown_and_the_rules_table_is(browser, served_site, language):
    # What every language's page says happens without JavaScript.
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(served_site + page_url(language, "decision-helper"))
        assert not page.locator("form.decision-helper__form").is_visible()
        assert page.locator("#decision-helper-rules").is_visible()
        assert page.locator("#decision-helper-rules tbody tr").count() > 0
    finally:
        context.close()
