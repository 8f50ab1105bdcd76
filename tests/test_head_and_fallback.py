"""<head> metadata, sitemap, and pages served before they are translated."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import LANGUAGES, PAGES, ROOT, SITE_URL, page_url, run_mkdocs_build
from test_articles import front_matter

BASE = SITE_URL.rstrip("/")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_head_has_absolute_canonical_and_hreflang_with_x_default(soup_of, language, page):
    head = soup_of(language, page).head
    assert head.find("link", rel="canonical")["href"] == BASE + page_url(language, page)
    alternates = {link["hreflang"]: link["href"] for link in head.find_all("link", rel="alternate") if link.get("hreflang")}
    expected = {other: BASE + page_url(other, page) for other in LANGUAGES}
    expected["x-default"] = BASE + page_url("en", page)
    assert alternates == expected
    meta, _ = front_matter(language, page)
    assert head.find("meta", attrs={"name": "description"})["content"] == meta["description"]
    assert head.find("meta", attrs={"name": "robots"}) is None


def test_sitemap_lists_every_page_with_its_alternates(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site / "sitemap.xml").getroot()
    urls = {url.find("s:loc", ns).text: url for url in root.findall("s:url", ns)}
    for language in LANGUAGES:
        for page in PAGES:
            loc = BASE + page_url(language, page)
            assert loc in urls, loc
            links = {link.get("hreflang"): link.get("href") for link in urls[loc].findall("x:link", ns)}
            assert links == {other: BASE + page_url(other, page) for other in LANGUAGES}


@pytest.fixture(scope="module")
def fallback_site(tmp_path_factory):
    """A build where Hungarian and Arabic lack the glossary page."""
    import shutil

    from conftest import ROOT

    base = tmp_path_factory.mktemp("fallback")
    project = base / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", "test-artifacts"))
    (project / "docs/hu/glossary.md").unlink()
    (project / "docs/ar/glossary.md").unlink()
    result = run_mkdocs_build(project, base / "site")
    assert result.returncode == 0, result.stderr
    return base / "site"


@pytest.mark.slow
@pytest.mark.parametrize("language,direction", [("hu", "ltr"), ("ar", "rtl")])
def test_fallback_page_is_marked_and_points_to_the_original(fallback_site, language, direction):
    soup = BeautifulSoup((fallback_site / language / "glossary/index.html").read_text(encoding="utf-8"), "html.parser")
    # The chrome stays in the reader's language ...
    assert soup.html["lang"] == language and soup.html["dir"] == direction
    # ... the English content says it is English ...
    article = soup.select_one("article.md-content__inner")
    assert article["lang"] == "en" and article["dir"] == "ltr"
    # ... with a notice in the reader's language linking to the original.
    notice = soup.select_one(".fallback-notice")
    assert notice.find_parent(attrs={"lang": language})["dir"] == direction
    link = notice.find("a")
    assert link["href"] == "../../glossary/"
    ui = yaml.safe_load((ROOT / "data/ui.yaml").read_text(encoding="utf-8"))["strings"]
    assert notice.select_one(".admonition-title").get_text() == ui["fallback_title"][language]
    assert link.get_text() == ui["fallback_link"][language]
    # Search engines: not indexed, canonical is the English page, no hreflang for it.
    head = soup.head
    assert head.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert head.find("link", rel="canonical")["href"] == BASE + "/glossary/"
    hreflangs = {link["hreflang"] for link in head.find_all("link", rel="alternate") if link.get("hreflang")}
    assert hreflangs == {"en", "de", "fr", "x-default"}


def test_translated_pages_carry_no_fallback_notice(soup_of):
    for language in LANGUAGES:
        for page in PAGES:
            assert soup_of(language, page).select_one(".fallback-notice") is None
