"""The search relevance suite: the query table and how a ranking is scored.

Shared by tests/test_search_relevance.py and the benchmark's search section.
The ranking itself is never computed here: `run_worker` runs Material's own
search worker script from the built site (with the site's patches and lunr
language files) under Node, the same code the browser runs.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
QUERIES_FILE = HERE / "search_queries.yaml"
WORKER_SCRIPT = HERE / "search_worker.cjs"
LANGUAGES = ("en", "de", "fr", "hu", "ar")
PAGES = ("index", "shared-vs-dedicated", "operating-model", "in-house-vs-outsourced",
         "decision-helper", "glossary", "sources")
KEYS = {"q", "page", "section", "kind", "browser"}
TOP = 3  # the expected page must be among the first three results


class QueryTableError(ValueError):
    pass


@dataclass(frozen=True)
class Query:
    language: str
    q: str
    page: str
    section: str | None
    kind: str
    browser: bool


def load_queries(path: Path = QUERIES_FILE) -> dict[str, list[Query]]:
    """The query table, checked: a wrong entry fails with its place and why."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise QueryTableError(f"{path.name}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) != set(LANGUAGES):
        raise QueryTableError(f"{path.name}: expected one list per language {LANGUAGES}, found {sorted(data or {})}")
    table = {}
    for language in LANGUAGES:
        entries = data[language]
        if not isinstance(entries, list):
            raise QueryTableError(f"{path.name}: {language}: expected a list of queries")
        queries = []
        for number, entry in enumerate(entries):
            where = f"{path.name}: {language}[{number}]"
            if not isinstance(entry, dict):
                raise QueryTableError(f"{where}: expected a mapping with q, page, kind")
            unknown = set(entry) - KEYS
            if unknown:
                raise QueryTableError(f"{where}: unknown key(s) {sorted(unknown)} (allowed: {sorted(KEYS)})")
            for key in ("q", "page", "kind"):
                if not isinstance(entry.get(key), str) or not entry[key].strip():
                    raise QueryTableError(f"{where}: '{key}' must be a non-empty text")
            if entry["page"] not in PAGES:
                raise QueryTableError(f"{where}: page '{entry['page']}' is not one of {PAGES}")
            section = entry.get("section")
            if section is not None and not isinstance(section, str):
                raise QueryTableError(f"{where}: 'section' must be a heading id")
            queries.append(Query(language, str(entry["q"]), entry["page"], section, entry["kind"], bool(entry.get("browser"))))
        table[language] = queries
    return table


def language_root(language: str) -> str:
    """The language's root relative to the site: '' for English, 'de/'."""
    return "" if language == "en" else f"{language}/"


def page_of(location: str) -> str:
    """'operating-model/#location' -> 'operating-model'; '' or '#articles' -> 'index'."""
    path = location.split("#", 1)[0].strip("/")
    return path or "index"


def run_worker(site: Path, requests: list[tuple[str, list[str]]], timeout: int = 300) -> list[list[list[list[dict]]]]:
    """Material's search worker under Node: per language (root, queries),
    per query the result groups in rank order."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not installed: the relevance suite runs Material's search worker with Node")
    payload = json.dumps([{"root": root, "queries": queries} for root, queries in requests], ensure_ascii=False)
    result = subprocess.run([node, str(WORKER_SCRIPT), str(site)], input=payload, capture_output=True,
                            text=True, timeout=timeout, encoding="utf-8")
    if result.returncode != 0:
        raise RuntimeError(f"search worker under Node failed:\n{result.stderr}")
    return [answer["results"] for answer in json.loads(result.stdout)]


def rank(query: Query, groups: list[list[dict]]) -> int | None:
    """1-based rank of the expected page (and section) among the results."""
    for position, group in enumerate(groups, start=1):
        if page_of(group[0]["location"]) != query.page:
            continue
        if query.section is None:
            return position
        # The section must be one of the first two entries the result shows.
        wanted = query.section
        if any(item["location"].split("#", 1)[-1] == wanted for item in group[:2] if "#" in item["location"]):
            return position
        return None
    return None


@dataclass
class Outcome:
    query: Query
    rank: int | None
    top: list[str]  # the first pages, for messages
    other_language: int  # results outside the language (always 0 with one index per language)
    highlight: str  # the ?h= the first result's link would carry


def highlight_terms(group: list[dict]) -> str:
    """The h= parameter Material's result template builds for the group's
    first link (the page): the terms marked true, joined by spaces."""
    article = next((item for item in group if "#" not in item["location"]), group[0])
    return " ".join(term for term, matched in article["terms"].items() if matched)


def evaluate(site: Path, table: dict[str, list[Query]]) -> dict[str, list[Outcome]]:
    languages = list(table)
    answers = run_worker(site, [(language_root(lang), [q.q for q in table[lang]]) for lang in languages])
    outcomes = {}
    for language, results in zip(languages, answers):
        rows = []
        for query, groups in zip(table[language], results):
            # Locations are relative to the language root; one that climbs out
            # of it or names another language's root would be another language.
            others = sum(1 for g in groups for item in g[:1]
                         if item["location"].startswith("../") or item["location"].split("/", 1)[0] in LANGUAGES)
            expected = rank(query, groups)
            hit = groups[expected - 1] if expected else None
            rows.append(Outcome(query, expected, [g[0]["location"] for g in groups[:TOP]], others,
                                highlight_terms(hit) if hit else ""))
        outcomes[language] = rows
    return outcomes


def summary(outcomes: dict[str, list[Outcome]]) -> dict[str, dict]:
    """Per language: top-3 hit rate, mean reciprocal rank, results from another language."""
    figures = {}
    for language, rows in outcomes.items():
        hits = [row for row in rows if row.rank is not None and row.rank <= TOP]
        figures[language] = {
            "queries": len(rows),
            "top3": len(hits) / len(rows),
            "mrr": sum(1 / row.rank for row in rows if row.rank) / len(rows),
            "other_language": sum(row.other_language for row in rows),
            "highlight": sum(1 for row in rows if row.highlight) / len(rows),
        }
    return figures
