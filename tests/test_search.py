"""Search in the reader's language: one index per language, stemming, and a
query set run through Material's own search worker in Chromium."""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from urllib.parse import urlsplit

from conftest import LANGUAGES, page_path, page_url, run_search

# (query, page it must find among the first three results, what kind of query it is);
# the full relevance suite is tests/test_search_relevance.py
QUERIES = {
    "en": [
        ("supervising", "shared-vs-dedicated", "exact word"),
        ("outsourcers", "in-house-vs-outsourced", "inflected form"),
        ("escalations", "glossary", "inflected form"),
        ("Mexico", "operating-model", "term in a table"),
        ("Poland", "operating-model", "term in a table"),
        ("tickets", "glossary", "term in a table"),
        ("arbitrage", "glossary", "glossary term"),
        ("ITIL", "glossary", "glossary term"),
    ],
    "de": [
        ("Spitzenzeit", "shared-vs-dedicated", "inflected form"),
        ("Schichtleitern", "shared-vs-dedicated", "inflected form"),
        ("Spezialisten", "shared-vs-dedicated", "inflected form"),
        ("Mexiko", "operating-model", "term in a table"),
        ("Polen", "operating-model", "term in a table"),
        ("Arbitrage", "glossary", "glossary term, part of a compound"),
        ("Konversations-KI", "glossary", "glossary term"),
        ("Eskalationsmanagements", "glossary", "glossary term, inflected"),
    ],
    "fr": [
        ("vivier", "shared-vs-dedicated", "exact word"),
        ("superviser", "shared-vs-dedicated", "inflected form"),
        ("externalisation", "in-house-vs-outsourced", "exact word"),
        ("externalisées", "in-house-vs-outsourced", "inflected form"),
        ("Mexique", "operating-model", "term in a table"),
        ("Pologne", "operating-model", "term in a table"),
        ("escalade", "glossary", "glossary term"),
        ("conversationnelle", "glossary", "glossary term"),
    ],
    "hu": [
        ("fogyasztási", "in-house-vs-outsourced", "exact word"),
        ("mutatókat", "in-house-vs-outsourced", "inflected form (other suffix)"),
        ("műszakok", "shared-vs-dedicated", "inflected form"),
        ("jegyek", "in-house-vs-outsourced", "term in a table"),
        ("Mexikó", "operating-model", "term in a table"),
        ("Lengyelország", "operating-model", "term in a table"),
        ("arbitrázs", "glossary", "glossary term"),
        ("eszkalációkezelés", "glossary", "glossary term"),
    ],
    "ar": [
        ("كوستاريكا", "operating-model", "exact word"),
        ("والمشترك", "shared-vs-dedicated", "inflected form (with prefix و)"),
        ("تصعيد", "glossary", "without the article ال"),
        ("المكسيك", "operating-model", "term in a table"),
        ("بولندا", "operating-model", "term in a table"),
        ("التذاكر", "in-house-vs-outsourced", "term in a table"),
        ("مراجحة", "glossary", "glossary term"),
        ("ITIL", "glossary", "Latin term on an Arabic page"),
    ],
}


def index_of(site, language):
    root = page_path(site, language, "index").parent
    return json.loads((root / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_query_set_has_at_least_eight_queries_per_language():
    assert set(QUERIES) == set(LANGUAGES)
    assert all(len(queries) >= 8 for queries in QUERIES.values())


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_its_own_index_with_its_stemmer(site, language):
    index = index_of(site, language)
    assert index["config"]["lang"] == [language]
    assert "stemmer" in index["config"]["pipeline"]
    others = [other for other in LANGUAGES if other != "en"]
    for doc in index["docs"]:
        # Locations are relative to the language's root: no language prefix.
        assert doc["location"].split("/")[0] not in others, doc["location"]
    titles = {doc["title"] for doc in index["docs"] if "#" not in doc["location"]}
    h1 = {soup_text(site, language, page) for page in ("glossary", "sources")}
    assert h1 <= titles


def soup_text(site, language, page):
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(page_path(site, language, page).read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("article h1").get_text(strip=True).rstrip("¶")


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_look_for_the_index_of_their_language(soup_of, language):
    # Relative to the page: the language's root, where its index lives.
    for page, base in (("index", "."), ("glossary", "..")):
        config = json.loads(soup_of(language, page).select_one("#__config").get_text())
        assert posixpath.normpath(config["base"]) == base


def test_search_keeps_materials_features(soup_of):
    config = json.loads(soup_of("ar", "glossary").select_one("#__config").get_text())
    assert {"search.highlight", "search.suggest"} <= set(config["features"])
    assert "navigation.instant" not in config["features"]


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_query_set_finds_the_right_page_in_the_top_three_in_the_readers_language(page, served_site, language):
    queries = [query for query, _, _ in QUERIES[language]]
    results = run_search(page, served_site, language, queries)
    root = page_url(language, "index")
    failures = []
    for (query, expected, kind), found in zip(QUERIES[language], results):
        assert found, f"{language}: {query!r} ({kind}) found nothing"
        for path in found:
            # Every hit is a page of the reader's language.
            other = path.split("/")[1]
            assert (language == "en" and other not in LANGUAGES) or path.startswith(root), (query, path)
        if page_url(language, expected) not in found[:3]:
            failures.append((query, kind, expected, found[:3]))
    assert failures == []


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_typing_in_the_search_box_shows_results_of_that_language_only(page, served_site, language):
    query = QUERIES[language][3][0]  # a table term
    page.goto(served_site + page_url(language, "glossary"))
    page.keyboard.press("/")  # Material's keyboard shortcut opens search
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material listens for keyup
    page.wait_for_selector(".md-search-result__item")
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.pathname)")
    assert hrefs and all(h.startswith(page_url(language, "index")) for h in hrefs)
    if language == "en":
        assert not any(re.match(r"^/(de|fr|hu|ar)/", h) for h in hrefs)
    assert page.locator(".md-search-result mark").count() > 0, "matches are highlighted"


@pytest.mark.browser
def test_search_index_and_worker_load_when_search_opens_not_before(page, served_site):
    requested, workers = [], []
    page.on("request", lambda request: requested.append(urlsplit(request.url).path))
    page.on("worker", lambda worker: workers.append(urlsplit(worker.url).path))
    page.goto(served_site + page_url("fr", "operating-model"))
    page.wait_for_load_state("networkidle")
    assert not any(path.endswith("search_index.json") for path in requested)
    assert workers == [], "the search worker starts only when search opens"
    page.keyboard.press("/")
    page.fill(".md-search__input", "Pologne")
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__item")
    assert "/fr/search/search_index.json" in requested
    assert len(workers) == 1 and re.search(r"/assets/javascripts/workers/search\.\w+\.min\.js$", workers[0])
    # A page opened from a search result (?h=) loads it at once, to highlight.
    page.goto(served_site + page_url("fr", "operating-model") + "?h=Pologne")
    page.wait_for_load_state("networkidle")
    assert page.locator("article mark").count() >= 1
