"""The built site: languages, direction, switcher, 404 pages, no other hosts."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, SITE_URL, page_path, page_url

DIRECTION = {"en": "ltr", "de": "ltr", "fr": "ltr", "hu": "ltr", "ar": "rtl"}


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def language_of(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    return first if first in LANGUAGES else "en"


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_exists_with_lang_and_dir_on_html(soup_of, language):
    html = soup_of(language, "index").html
    assert html["lang"] == language
    assert html["dir"] == DIRECTION[language]


def test_every_page_has_lang_and_dir_on_html_and_body(site):
    pages = all_html(site)
    assert len(pages) >= len(LANGUAGES) * len(PAGES)
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        language = language_of(site, path)
        assert soup.html.get("lang") == language, path
        assert soup.html.get("dir") == DIRECTION[language], path
        assert soup.body.get("dir") == DIRECTION[language], path


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_name_and_theme_strings_are_localised(soup_of, language):
    soup = soup_of(language, "glossary")
    names = {soup_of(other, "index").select_one(".md-header__topic .md-ellipsis").get_text(strip=True) for other in LANGUAGES}
    assert len(names) == len(LANGUAGES), "each language has its own site name"
    search_label = soup.select_one("input.md-search__input")["placeholder"]
    english = soup_of("en", "glossary").select_one("input.md-search__input")["placeholder"]
    if language != "en":
        assert search_label != english, "Material's own strings follow the language"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", [p for p in PAGES if p != "index"])
def test_switcher_leads_to_same_page_in_each_language(site, soup_of, language, page):
    soup = soup_of(language, page)
    links = soup.select(".md-select__link[hreflang]")
    assert {a["hreflang"] for a in links} == set(LANGUAGES)
    here = page_url(language, page)
    for link in links:
        target = urlsplit(urljoin(here, link["href"])).path
        assert target == page_url(link["hreflang"], page), (here, link["href"])
        assert page_path(site, link["hreflang"], page).is_file()


def test_nav_labels_are_translated(soup_of):
    sections = {
        language: [label.get_text(strip=True) for label in soup_of(language, "index").select(".md-nav--primary .md-nav__item--section > label")]
        for language in LANGUAGES
    }
    assert sections["en"][:1] == ["Articles"]
    assert sections["de"][:1] == ["Artikel"]
    assert sections["ar"][:1] == ["المقالات"]


def test_root_404_is_english(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Page not found"


@pytest.mark.parametrize("language", [l for l in LANGUAGES if l != "en"])
def test_each_language_has_its_own_404(site, language):
    soup = BeautifulSoup((site / language / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html["lang"] == language
    assert soup.html["dir"] == DIRECTION[language]
    english = "Page not found"
    assert soup.h1.get_text(strip=True) and soup.h1.get_text(strip=True) != english
    home = soup.select_one("article a")
    assert home["href"] == f"/{language}/"


RESOURCE_ATTRS = {
    "script": "src",
    "img": "src",
    "iframe": "src",
    "source": "src",
    "video": "src",
    "audio": "src",
    "embed": "src",
    "object": "data",
}
LOADING_RELS = {"stylesheet", "preload", "prefetch", "preconnect", "dns-prefetch", "icon", "manifest", "modulepreload"}


def external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme in ("http", "https") or url.startswith("//")) and (
        f"{parts.scheme}://{parts.netloc}/" != SITE_URL
    )


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for path in all_html(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attr in RESOURCE_ATTRS.items():
            for element in soup.find_all(tag):
                if element.get(attr) and external(element[attr]):
                    offenders.append((path, element[attr]))
        for link in soup.find_all("link"):
            rels = set(link.get("rel", []))
            if rels & LOADING_RELS and external(link.get("href", "")):
                offenders.append((path, link["href"]))
        for style in soup.find_all("style"):
            offenders += [(path, url) for url in re.findall(r"url\(['\"]?([^'\")]+)", style.get_text()) if external(url)]
        assert "fonts.googleapis.com" not in str(soup.head), path
    assert offenders == []


def test_stylesheets_load_no_fonts_from_another_host(site):
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not external(url), (css, url)
        assert "@import url(http" not in css.read_text(encoding="utf-8")


def test_material_sitemap_probe_is_removed(site):
    """Material fetches <alternate>/sitemap.xml for each hreflang link; those
    files do not exist, so the call is stripped from the built bundle."""
    bundles = list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert bundles
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        assert "ui({document$:ct});" not in text
        assert "patched: no alternate sitemap probe" in text
        assert "patched: search index on demand" in text
        assert "patched: search worker on demand" in text
        assert "patched: no switching flag on load" in text
        assert "t=new Worker(e)" not in text


def test_search_worker_ranks_with_the_librarys_query(site):
    # hooks/search_ranking.js replaces lunr's query parsing in the worker
    # (relevance is proven by tests/test_search_relevance.py).
    workers = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    assert workers
    for worker in workers:
        text = worker.read_text(encoding="utf-8")
        assert "n=this.index.search(e)" not in text
        assert "var libraryRanking" in text and "libraryRanking.query(" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_material_bundle_is_deferred(soup_of, language):
    # At the end of <body> but parser-blocking, it would hold the first paint.
    for name in ("index", "decision-helper"):
        scripts = soup_of(language, name).select('script[src*="assets/javascripts/bundle."]')
        assert len(scripts) == 1 and scripts[0].has_attr("defer"), (language, name)


def test_no_repository_statistics_calls(soup_of):
    # With repo_url Material renders a source widget whose script calls the
    # repository host's API; edit links must not bring it in.
    for language in LANGUAGES:
        assert soup_of(language, "index").select('[data-md-component="source"]') == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_dialog_has_a_name(soup_of, language):
    dialog = soup_of(language, "glossary").select_one('.md-search[role="dialog"]')
    field = soup_of(language, "glossary").select_one("input.md-search__input")
    assert dialog["aria-label"] == field["aria-label"] != ""
