"""A broken link on a real host: the one /404.html that static hosts serve
for every missing URL speaks the language of the requested path."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ARTIFACTS, LANGUAGES, ROOT, SITE_NAMES, _free_port, serve_directory

DIRECTION = {"en": "ltr", "de": "ltr", "fr": "ltr", "hu": "ltr", "ar": "rtl"}


def ui_texts():
    from datalib.catalog import load_catalog

    return load_catalog(ROOT / "data", LANGUAGES).ui.strings


def expected(language: str) -> tuple[str, str, str, str]:
    """The texts of data/ui.yaml the page must show, and the site name."""
    ui = ui_texts()
    return (ui["not_found_title"][language], ui["not_found_home"][language], ui["not_found_search"][language], SITE_NAMES[language])


# A missing path per language, one of them deep and one without a slash.
MISSING = {
    "en": "/no-such-page/",
    "de": "/de/gibt/es/nicht/geteilter-support",
    "fr": "/fr/page-disparue/",
    "hu": "/hu/hianyzo-oldal.html",
    "ar": "/ar/missing-page/",
}
WORDS = {"en": "no such page", "de": "geteilter support", "fr": "page disparue", "hu": "hianyzo oldal", "ar": "missing page"}


def prefix(language: str) -> str:
    return "/" if language == "en" else f"/{language}/"


# Built file ----------------------------------------------------------------------


def test_root_404_carries_every_other_language_and_stays_english_without_script(site):
    soup = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert (soup.html["lang"], soup.html["dir"]) == ("en", "ltr")
    assert soup.title.get_text() == f"{ui_texts()['not_found_page_title']['en']} – {SITE_NAMES['en']}"
    links = [a["href"] for a in soup.select("article a[data-not-found]")]
    assert links == ["/", "/?q="]
    payload = json.loads(soup.select_one("#__not-found").string)
    assert sorted(payload) == sorted(l for l in LANGUAGES if l != "en")
    for language, entry in payload.items():
        assert (entry["prefix"], entry["lang"], entry["dir"]) == (prefix(language), language, DIRECTION[language])
        title, home, search, site_name = expected(language)
        assert entry["title"].endswith(site_name) and "404" in entry["title"]
        body = BeautifulSoup(entry["body"], "html.parser")
        assert body.h1.get_text(strip=True) == title
        assert body.select_one("article h1 + p").get_text(strip=True) == ui_texts()["not_found_text"][language]
        assert [(a.get_text(strip=True), a["href"]) for a in body.select("article a[data-not-found]")] == [
            (home, prefix(language)), (search, prefix(language) + "?q=")
        ]
        assert json.loads(entry["config"])["base"] == prefix(language)
    # The payload cannot end its script element early.
    assert "</" not in soup.select_one("#__not-found").string


def test_payload_json_is_script_safe():
    from datalib.share_meta import script_safe_json

    text = script_safe_json({"a": "</script><b>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><b>&\u2028"}


# In the browser, served as GitHub Pages serves it ------------------------------------


@pytest.fixture(scope="module")
def pages_host(site):
    """The built site served with /404.html (status 404) for every missing path."""
    with serve_directory(site, _free_port(), not_found_page=True) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("language", LANGUAGES)
def test_missing_page_speaks_the_language_of_its_path(browser, pages_host, language, width):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    problems = []
    host = urlsplit(pages_host).netloc
    address = pages_host + MISSING[language]
    # The document's own 404 is the point; anything else is a problem.
    page.on("console", lambda m: m.type == "error" and not (m.location.get("url") == address and "404" in m.text) and problems.append(("console", m.text)))
    page.on("pageerror", lambda error: problems.append(("pageerror", str(error))))
    page.on("request", lambda request: urlsplit(request.url).netloc != host and problems.append(("request", request.url)))
    page.on("response", lambda r: r.status >= 400 and r.url != address and problems.append((r.status, r.url)))
    response = page.goto(address)
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    title, home, search, site_name = expected(language)
    state = page.evaluate(
        """() => ({lang: document.documentElement.lang, dir: document.documentElement.dir, bodyDir: document.body.dir,
                  title: document.title, h1: document.querySelector('article h1').textContent.trim(),
                  message: document.querySelector('article h1 + p').textContent.trim(),
                  links: [...document.querySelectorAll('article a[data-not-found]')].map(a => [a.textContent.trim(), a.getAttribute('href')]),
                  header: document.querySelector('.md-header__topic .md-ellipsis').textContent.trim(),
                  direction: getComputedStyle(document.querySelector('article')).direction})"""
    )
    assert (state["lang"], state["dir"], state["bodyDir"], state["direction"]) == (language, DIRECTION[language], DIRECTION[language], DIRECTION[language])
    assert state["title"] == f"{ui_texts()['not_found_page_title'][language]} – {site_name}"
    assert state["h1"] == title
    assert state["message"] == ui_texts()["not_found_text"][language]
    assert state["header"] == site_name
    words = WORDS[language].replace(" ", "%20")
    assert state["links"] == [[home, prefix(language)], [search, f"{prefix(language)}?q={words}"]]
    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"not-found-{language}-{width}.png"))
    # Both links work from this depth: home, and search opened with the path's words.
    page.click('article a[data-not-found="search"]')
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == prefix(language)
    page.wait_for_selector(".md-search__input", state="visible")
    assert page.input_value(".md-search__input") == WORDS[language]
    assert page.evaluate("document.documentElement.lang") == language
    context.close()
    assert problems == []
