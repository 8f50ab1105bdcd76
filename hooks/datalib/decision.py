"""The decision helper: its declared schema, the rule evaluation, and its HTML.

data/decision-helper.yaml holds questions, decisions (each with outcomes and
the outcome for a tie) and rules. A rule names the answers it needs
(``when``), the outcome it counts for (``counts_for``), a reason in every
language and the table row the reason comes from (``source``). Evaluation:
every rule whose conditions all hold counts one for its outcome; per
decision the outcome with most counts wins, and equal top counts (or none)
give the decision's tie outcome. decision-helper.js implements the same
three lines for the form; tests check both agree.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any, Callable

from .schema import Checker, Localized, Table, _kind
from .yaml_lines import LinedDocument

LABEL_KEYS = (
    "intro",
    "submit",
    "result_heading",
    "reasons",
    "read_more",
    "rules_caption",
    "col_answer",
    "col_points",
    "col_reason",
    "tie_note",
    "invalid_number",
)
NUMBER_TESTS = ("at_most", "more_than")
SOURCE = re.compile(r"^(?P<table>[a-z0-9-]+/[a-z0-9-]+)#(?P<row>[a-z0-9-]+)$")
PAGE = re.compile(r"^[a-z0-9-]+\.md(#[a-z0-9-]+)?$")


@dataclass(frozen=True)
class Answer:
    id: str
    label: Localized


@dataclass(frozen=True)
class Question:
    id: str
    type: str  # "number" or "choice"
    label: Localized
    hint: Localized | None = None
    answers: tuple[Answer, ...] = ()


@dataclass(frozen=True)
class Outcome:
    id: str
    label: Localized
    summary: Localized
    page: str


@dataclass(frozen=True)
class Decision:
    id: str
    label: Localized
    tie: str
    outcomes: tuple[Outcome, ...]


@dataclass(frozen=True)
class Rule:
    id: str
    when: dict[str, Any]  # question id -> answer id, or {"at_most"|"more_than": n}
    decision: str
    outcome: str
    reason: Localized
    source_table: str
    source_row: str


@dataclass(frozen=True)
class DecisionHelper:
    title: Localized
    labels: dict[str, Localized]
    questions: tuple[Question, ...]
    decisions: tuple[Decision, ...]
    rules: tuple[Rule, ...]


@dataclass
class Verdict:
    outcome: str
    counts: dict[str, int]
    rules: list[Rule] = field(default_factory=list)


# Evaluation ------------------------------------------------------------------


def condition_holds(condition: Any, answer: Any) -> bool:
    if answer is None:
        return False
    if isinstance(condition, dict):
        (test, limit), = condition.items()
        return answer <= limit if test == "at_most" else answer > limit
    return answer == condition


def evaluate(helper: DecisionHelper, answers: dict[str, Any]) -> dict[str, Verdict]:
    """Answers: question id -> answer id (choice) or int (number); a missing
    answer satisfies no condition."""
    verdicts = {}
    for decision in helper.decisions:
        counts = {outcome.id: 0 for outcome in decision.outcomes}
        fired = []
        for rule in helper.rules:
            if rule.decision == decision.id and all(condition_holds(c, answers.get(q)) for q, c in rule.when.items()):
                counts[rule.outcome] += 1
                fired.append(rule)
        best = max(counts.values())
        leaders = [outcome for outcome, count in counts.items() if count == best]
        outcome = leaders[0] if best > 0 and len(leaders) == 1 else decision.tie
        verdicts[decision.id] = Verdict(outcome, counts, fired)
    return verdicts


# Schema ----------------------------------------------------------------------


def parse_decision_helper(doc: LinedDocument, languages: tuple[str, ...], tables: dict[str, Table]) -> DecisionHelper:
    check = Checker(doc, languages)
    root = check.mapping(doc.data, (), {"title", "sources", "labels", "questions", "decisions", "rules"})
    title = check.localized(root["title"], ("title",))
    check.source_numbers(root["sources"], ("sources",))

    labels_raw = check.mapping(root["labels"], ("labels",), set(LABEL_KEYS))
    labels = {key: check.localized(labels_raw[key], ("labels", key)) for key in LABEL_KEYS}

    questions = tuple(_question(check, raw, ("questions", i)) for i, raw in enumerate(check.sequence(root["questions"], ("questions",), "questions")))
    check.unique_ids(root["questions"], ("questions",), "question")
    decisions = tuple(_decision(check, raw, ("decisions", i)) for i, raw in enumerate(check.sequence(root["decisions"], ("decisions",), "decisions")))
    check.unique_ids(root["decisions"], ("decisions",), "decision")
    rules_raw = check.sequence(root["rules"], ("rules",), "rules")
    rules = tuple(_rule(check, raw, ("rules", i), questions, decisions, tables) for i, raw in enumerate(rules_raw))
    check.unique_ids(rules_raw, ("rules",), "rule")
    return DecisionHelper(title, labels, questions, decisions, rules)


def _question(check: Checker, raw: Any, path) -> Question:
    question = check.mapping(raw, path, {"id", "type", "label"}, {"hint", "answers"})
    check.identifier(question["id"], path + ("id",))
    label = check.localized(question["label"], path + ("label",))
    hint = check.localized(question["hint"], path + ("hint",)) if "hint" in question else None
    if question["type"] == "number":
        if "answers" in question:
            check.fail(path + ("answers",), "a number question has no answers to choose from")
        return Question(question["id"], "number", label, hint)
    if question["type"] != "choice":
        check.fail(path + ("type",), f"unknown question type {question['type']!r} (types: choice, number)")
    if "answers" not in question:
        check.fail(path, "missing key 'answers' (a choice question needs at least two)")
    answers_raw = check.sequence(question["answers"], path + ("answers",), "answers")
    if len(answers_raw) < 2:
        check.fail(path + ("answers",), "a choice question needs at least two answers")
    answers = []
    for index, answer_raw in enumerate(answers_raw):
        answer_path = path + ("answers", index)
        answer = check.mapping(answer_raw, answer_path, {"id", "label"})
        answers.append(Answer(check.identifier(answer["id"], answer_path + ("id",)), check.localized(answer["label"], answer_path + ("label",))))
    check.unique_ids(answers_raw, path + ("answers",), "answer")
    return Question(question["id"], "choice", label, hint, tuple(answers))


def _decision(check: Checker, raw: Any, path) -> Decision:
    decision = check.mapping(raw, path, {"id", "label", "tie", "outcomes"})
    check.identifier(decision["id"], path + ("id",))
    outcomes_raw = check.sequence(decision["outcomes"], path + ("outcomes",), "outcomes")
    outcomes = []
    for index, outcome_raw in enumerate(outcomes_raw):
        outcome_path = path + ("outcomes", index)
        outcome = check.mapping(outcome_raw, outcome_path, {"id", "label", "summary", "page"})
        check.identifier(outcome["id"], outcome_path + ("id",))
        if not isinstance(outcome["page"], str) or not PAGE.match(outcome["page"]):
            check.fail(outcome_path + ("page",), f"expected a page such as 'shared-vs-dedicated.md#fit', found {_kind(outcome['page'])}")
        outcomes.append(
            Outcome(
                outcome["id"],
                check.localized(outcome["label"], outcome_path + ("label",)),
                check.localized(outcome["summary"], outcome_path + ("summary",)),
                outcome["page"],
            )
        )
    check.unique_ids(outcomes_raw, path + ("outcomes",), "outcome")
    ids = [o.id for o in outcomes]
    if decision["tie"] not in ids:
        check.fail(path + ("tie",), f"names outcome {decision['tie']!r}, which this decision does not have (outcomes: {', '.join(ids)})")
    return Decision(decision["id"], check.localized(decision["label"], path + ("label",)), decision["tie"], tuple(outcomes))


def _rule(check: Checker, raw: Any, path, questions, decisions, tables: dict[str, Table]) -> Rule:
    rule = check.mapping(raw, path, {"id", "when", "counts_for", "reason", "source"})
    check.identifier(rule["id"], path + ("id",))
    by_id = {q.id: q for q in questions}
    when = rule["when"]
    if not isinstance(when, dict) or not when:
        check.fail(path + ("when",), "expected at least one condition: <question id>: <answer>")
    for question_id, condition in when.items():
        condition_path = path + ("when", question_id)
        question = by_id.get(question_id)
        if question is None:
            check.fail(condition_path, f"no question '{question_id}' (questions: {', '.join(by_id)})")
        if question.type == "number":
            if not (isinstance(condition, dict) and len(condition) == 1 and next(iter(condition)) in NUMBER_TESTS and isinstance(next(iter(condition.values())), int)):
                check.fail(condition_path, "a number question's condition is 'at_most: <whole number>' or 'more_than: <whole number>'")
        elif condition not in [a.id for a in question.answers]:
            check.fail(condition_path, f"question '{question_id}' has no answer {condition!r} (answers: {', '.join(a.id for a in question.answers)})")
    counts_for = rule["counts_for"]
    if not isinstance(counts_for, dict) or len(counts_for) != 1:
        check.fail(path + ("counts_for",), "expected exactly one '<decision id>: <outcome id>'")
    (decision_id, outcome_id), = counts_for.items()
    decision = next((d for d in decisions if d.id == decision_id), None)
    if decision is None:
        check.fail(path + ("counts_for", decision_id), f"no decision '{decision_id}' (decisions: {', '.join(d.id for d in decisions)})")
    if outcome_id not in [o.id for o in decision.outcomes]:
        check.fail(path + ("counts_for", decision_id), f"decision '{decision_id}' has no outcome {outcome_id!r}")
    source = rule["source"]
    match = SOURCE.match(source) if isinstance(source, str) else None
    if not match:
        check.fail(path + ("source",), f"expected '<dataset>/<table>#<row id>', found {_kind(source)}")
    table = tables.get(match.group("table"))
    if table is None:
        check.fail(path + ("source",), f"no table '{match.group('table')}'")
    if match.group("row") not in [row.id for row in table.rows]:
        check.fail(path + ("source",), f"table '{table.key}' has no row '{match.group('row')}'")
    reason = check.localized(rule["reason"], path + ("reason",))
    return Rule(rule["id"], dict(when), decision_id, outcome_id, reason, match.group("table"), match.group("row"))


# Rendering -------------------------------------------------------------------


def render_decision_helper(
    helper: DecisionHelper,
    language: str,
    link_to_row: Callable[[str, str], str],
    link_to_page: Callable[[str], str],
    script_src: str,
) -> str:
    """The form (used with JavaScript), the rules table (the guide without
    it), and the current language's data for the script, all escaped."""
    label = {key: texts[language] for key, texts in helper.labels.items()}
    questions = {q.id: q for q in helper.questions}
    out = [f'<div class="decision-helper" data-decision-helper>', f"<p>{escape(label['intro'])}</p>"]

    # The form is hidden until the script starts: without JavaScript it could
    # not answer, and the rules table below carries the same guidance.
    out.append('<form class="decision-helper__form" hidden novalidate>')
    for q in helper.questions:
        hint_id = f"dh-{q.id}-hint"
        if q.type == "number":
            out.append('<div class="decision-helper__question">')
            out.append(f'<label for="dh-{q.id}">{escape(q.label[language])}</label>')
            if q.hint:
                out.append(f'<p class="decision-helper__hint" id="{hint_id}">{escape(q.hint[language])}</p>')
            described = f' aria-describedby="{hint_id} dh-{q.id}-error"' if q.hint else f' aria-describedby="dh-{q.id}-error"'
            out.append(f'<input type="number" id="dh-{q.id}" name="{q.id}" min="0" step="1" inputmode="numeric" required{described}>')
            out.append(f'<p class="decision-helper__error" id="dh-{q.id}-error" hidden>{escape(label["invalid_number"])}</p>')
            out.append("</div>")
        else:
            out.append(f'<fieldset class="decision-helper__question"><legend>{escape(q.label[language])}</legend>')
            # No answer is preselected: an unanswered question counts for nothing.
            for answer in q.answers:
                out.append(f'<label><input type="radio" name="{q.id}" value="{answer.id}"> {escape(answer.label[language])}</label>')
            out.append("</fieldset>")
    out.append(f'<button type="submit" class="md-button md-button--primary">{escape(label["submit"])}</button>')
    out.append("</form>")
    out.append(
        f'<section class="decision-helper__result" aria-live="polite" aria-atomic="true" hidden>'
        f'<h2 id="recommendation" tabindex="-1">{escape(label["result_heading"])}</h2><div class="decision-helper__verdicts"></div></section>'
    )

    # The rules, as a static decision table.
    out.append('<div class="data-table" id="decision-helper-rules">')
    out.append('<div class="data-table__scroll" role="region" aria-labelledby="decision-helper-rules-caption" tabindex="0">')
    out.append(f'<table>\n<caption id="decision-helper-rules-caption">{escape(label["rules_caption"])}</caption>')
    out.append(
        "<thead><tr>\n"
        + "\n".join(f'<th scope="col">{escape(label[key])}</th>' for key in ("col_answer", "col_points", "col_reason"))
        + "\n</tr></thead>\n<tbody>"
    )
    for rule in helper.rules:
        conditions = "<br>".join(_condition_html(questions[qid], cond, language) for qid, cond in rule.when.items())
        decision = next(d for d in helper.decisions if d.id == rule.decision)
        outcome = next(o for o in decision.outcomes if o.id == rule.outcome)
        href = link_to_row(rule.source_table, rule.source_row)
        out.append(
            f'<tr id="decision-rule-{rule.id}">\n'
            f'<th scope="row" data-label="{escape(label["col_answer"])}">{conditions}</th>\n'
            f'<td data-label="{escape(label["col_points"])}">{escape(outcome.label[language])}</td>\n'
            f'<td data-label="{escape(label["col_reason"])}">{escape(rule.reason[language])} <a href="{escape(href)}">{escape(label["read_more"])}</a></td>\n'
            "</tr>"
        )
    out.append("</tbody>\n</table>\n</div>")
    out.append(f'<p class="data-table__note">{escape(label["tie_note"])} ' + "; ".join(
        f'{escape(d.label[language])}: {escape(next(o for o in d.outcomes if o.id == d.tie).label[language])}' for d in helper.decisions
    ) + ".</p>")
    out.append("</div>")

    data = client_data(helper, language, link_to_row, link_to_page)
    # JSON inside <script> is safe once "<" is escaped: no "</script>" can end it early.
    payload = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    out.append(f'<script type="application/json" class="decision-helper__data">{payload}</script>')
    out.append(f'<script src="{escape(script_src)}" defer></script>')
    out.append("</div>")
    return "\n".join(out)


def client_data(helper: DecisionHelper, language: str, link_to_row, link_to_page) -> dict:
    """What decision-helper.js needs, in one language."""
    return {
        "labels": {key: texts[language] for key, texts in helper.labels.items()},
        "decisions": [
            {
                "id": d.id,
                "label": d.label[language],
                "tie": d.tie,
                "outcomes": [
                    {"id": o.id, "label": o.label[language], "summary": o.summary[language], "href": link_to_page(o.page)}
                    for o in d.outcomes
                ],
            }
            for d in helper.decisions
        ],
        "rules": [
            {
                "id": r.id,
                "when": r.when,
                "decision": r.decision,
                "outcome": r.outcome,
                "reason": r.reason[language],
                "href": link_to_row(r.source_table, r.source_row),
            }
            for r in helper.rules
        ],
    }


def _condition_html(question: Question, condition: Any, language: str) -> str:
    if question.type == "number":
        (test, limit), = condition.items()
        answer = f"{'≤' if test == 'at_most' else '>'} {limit}"
    else:
        answer = next(a for a in question.answers if a.id == condition).label[language]
    return f'<span class="decision-helper__q">{escape(question.label[language])}</span> <strong>{escape(answer)}</strong>'
