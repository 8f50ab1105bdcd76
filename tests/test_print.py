"""Print and PDF (hooks/print_pdf.py, scripts/pdf.py, the print rules of
assets/stylesheets/library.css).

- Fast: every article ends with its sources and its absolute URL for paper,
  in its language; without PDFs no page links to one.
- Slow: once the PDF cache holds an article's PDF (as `make pdf` fills it),
  the article links to it and the PDF sits beside the page; a page changed
  since its PDF was printed gets no link.
- Browser: articles printed to PDF by Chromium with the site's print
  stylesheet, then read back and rasterised with PyMuPDF (text with
  positions and page images from one wheel, no system package): no site
  chrome on paper, tables whole with their header row on every page, Arabic
  drawn right to left, the sources and the URL at the end. The page images
  are kept in test-artifacts/print/ for a look.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from conftest import ARTICLES, ARTIFACTS, LANGUAGES, ROOT, SITE_URL, _free_port, mkdocs_env, page_path, page_url, serve_directory

UI = yaml.safe_load((ROOT / "data/ui.yaml").read_text(encoding="utf-8"))["strings"]
PRINT_ARTIFACTS = ARTIFACTS / "print"


def front_matter(language: str, page: str) -> dict:
    text = (ROOT / "docs" / language / f"{page}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def absolute_url(language: str, page: str) -> str:
    return SITE_URL.rstrip("/") + page_url(language, page)


# Fast ------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", ARTICLES)
def test_article_ends_with_its_sources_and_address_for_paper(soup_of, language, page):
    article = soup_of(language, page).select_one("article.md-content__inner")
    colophon = article.select_one(".print-colophon")
    assert colophon is not None, f"{language}/{page}: no print colophon"
    assert article.find_all(recursive=False)[-1] is colophon, "the colophon must end the article"
    assert colophon.select_one(".print-colophon__title").get_text() == UI["print_sources"][language]
    numbers = [li.select_one(".print-colophon__number").get_text() for li in colophon.select("li")]
    assert numbers == [str(n) for n in front_matter(language, page)["sources"]]
    url = absolute_url(language, page)
    link = colophon.find("a", href=url)
    assert link is not None and link.get_text() == url and link["dir"] == "ltr"
    assert UI["print_url"][language] in colophon.get_text()


def test_no_pdf_link_without_pdfs(site, soup_of):
    """The session's build has no PDFs in its cache for its address: no page
    offers one, and no PDF is in the site."""
    for language in LANGUAGES:
        for page in ARTICLES:
            assert soup_of(language, page).select(".pdf-download") == [], f"{language}/{page}"
    assert list(site.rglob("*.pdf")) == []


def test_print_rules_hide_the_chrome_and_keep_tables_whole():
    css = (ROOT / "docs/assets/stylesheets/library.css").read_text(encoding="utf-8")
    rules = css[css.index("@media print") :]
    for needed in (".language-hint", ".pdf-download", "display: table-header-group", "break-inside: avoid", "overflow: visible"):
        assert needed in rules, needed


# Slow: the link follows the cache ---------------------------------------------


def build(project: Path, site_dir: Path, **env: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env={**mkdocs_env(), **env}, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr


FAKE_PDF = b"%PDF-1.4\n" + b"%" + b"x" * 3000 + b"\n%%EOF\n"


@pytest.mark.slow
def test_pdf_link_appears_once_the_pdf_is_built_and_only_while_it_is_current(project_copy, tmp_path):
    cache, manifest = tmp_path / "cache", tmp_path / "manifest.json"
    build(project_copy, tmp_path / "first", PDF_CACHE=str(cache), PDF_MANIFEST=str(manifest))
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    assert sorted((e["language"], e["page"]) for e in entries) == sorted(
        (language, f"{page}.md") for language in LANGUAGES for page in ARTICLES
    )
    assert not list((tmp_path / "first").rglob("*.pdf"))
    # What scripts/pdf.py does after the first build: fill the cache.
    for entry in entries:
        Path(entry["cache"]).parent.mkdir(parents=True, exist_ok=True)
        Path(entry["cache"]).write_bytes(FAKE_PDF)
    # A translation edited after its PDF was printed: its PDF is stale.
    edited = project_copy / "docs/de/shared-vs-dedicated.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEin neuer Absatz nach dem Druck.\n", encoding="utf-8")

    site = tmp_path / "second"
    build(project_copy, site, PDF_CACHE=str(cache))
    from bs4 import BeautifulSoup

    for language in LANGUAGES:
        for page in ARTICLES:
            soup = BeautifulSoup(page_path(site, language, page).read_text(encoding="utf-8"), "html.parser")
            links = soup.select("article .pdf-download a")
            name = f"{page}-{language}.pdf"
            if (language, page) == ("de", "shared-vs-dedicated"):
                assert links == [] and not (page_path(site, language, page).parent / name).exists()
                continue
            assert len(links) == 1, f"{language}/{page}"
            link = links[0]
            assert link["href"] == name and link["download"] == name and link["type"] == "application/pdf"
            assert link.get_text() == UI["pdf_download"][language].replace("{size}", "3")
            assert soup.select_one("article h1").find_next_sibling() is link.parent, "the link follows the title"
            assert (page_path(site, language, page).parent / name).read_bytes() == FAKE_PDF


@pytest.mark.slow
@pytest.mark.browser
def test_make_pdf_links_every_article_to_its_pdf(project_copy, tmp_path, browser):
    """scripts/pdf.py end to end (what `make pdf` runs): every article in every
    language links to its PDF, which holds the article; a second run reuses
    the cache and prints nothing."""
    import pymupdf
    from bs4 import BeautifulSoup

    env = {**mkdocs_env(), "PDF_CACHE": str(tmp_path / "cache")}
    site = tmp_path / "site"
    command = [sys.executable, "scripts/pdf.py", "--site-dir", str(site)]
    first = subprocess.run(command, cwd=project_copy, env=env, capture_output=True, text=True, timeout=600)
    assert first.returncode == 0, first.stdout + first.stderr
    count = len(LANGUAGES) * len(ARTICLES)
    assert f"{count} PDFs ({count} printed, 0 unchanged)" in first.stdout
    for language in LANGUAGES:
        for page in ARTICLES:
            soup = BeautifulSoup(page_path(site, language, page).read_text(encoding="utf-8"), "html.parser")
            link = soup.select_one("article .pdf-download a")
            assert link is not None, f"{language}/{page}: no PDF link"
            pdf = page_path(site, language, page).parent / link["href"]
            with pymupdf.open(pdf) as doc:
                first_page = norm(doc[0].get_text())
            title = soup.select_one("article h1").get_text(" ").replace("\u00b6", "").split()
            assert all(norm(word) in first_page for word in title), f"{language}/{page}: the PDF does not start with the title"
            assert UI["pdf_download"][language].split("{size}")[0] in link.get_text()
    again = subprocess.run(command, cwd=project_copy, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and f"{count} PDFs (0 printed, {count} unchanged)" in again.stdout, again.stdout
    assert_pdf_link_is_accessible(browser, site)


def assert_pdf_link_is_accessible(browser, site: Path) -> None:
    """The article with its PDF link, axe clean in light and dark, left to
    right and right to left; the link downloads from this host."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve_directory(site, _free_port()) as base:
        for scheme in ("light", "dark"):
            context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            for language in ("en", "ar"):
                page.goto(base + page_url(language, "shared-vs-dedicated"))
                page.wait_for_load_state("networkidle")
                link = page.locator("article .pdf-download a")
                assert link.is_visible() and link.get_attribute("download") is not None
                response = page.request.get(base + page_url(language, "shared-vs-dedicated") + link.get_attribute("href"))
                assert response.ok and response.headers["content-type"] == "application/pdf"
                page.screenshot(path=str(ARTIFACTS / f"pdf-link-{language}-{scheme}.png"))
                violations = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).response["violations"]
                if violations:
                    found[(language, scheme)] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
            context.close()
    assert found == {}


# Browser: print with Chromium, read back with PyMuPDF ----------------------------

# Every article in English, and the one with the most tables in every language.
PRINTED = [("en", page) for page in ARTICLES] + [(language, "shared-vs-dedicated") for language in LANGUAGES if language != "en"]
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
ARABIC_LAM_ALEF = re.compile("[\u0644\u0627\u0623\u0625\u0622]")
PUNCTUATION = re.compile(r"[^\w/:.]|(?<!\w)[.:]|[.:](?!\w)")


def norm(text: str) -> str:
    """Text as compared between HTML and PDF: NFKC, without punctuation
    (the PDF's text layer may split it off a word), and for Arabic without
    the marks and the lam-alef letters, whose ligature the text layer gives
    back in another order. Dots and colons inside a word (URLs) stay."""
    text = unicodedata.normalize("NFKC", text)
    return ARABIC_LAM_ALEF.sub("", ARABIC_MARKS.sub("", PUNCTUATION.sub("", text)))


@pytest.fixture(scope="module")
def printed(served_site, browser, tmp_path_factory):
    """(language, page) -> the PDF Chromium printed, as make pdf prints it."""
    from pdf import print_pdf

    out = tmp_path_factory.mktemp("pdf")
    pdfs = {}
    for language, page in PRINTED:
        target = out / f"{page}-{language}.pdf"
        print_pdf(browser, served_site + page_url(language, page), target)
        pdfs[(language, page)] = target
    return pdfs


def read_pdf(path: Path, rtl: bool):
    """Per page: its visual rows of words (a table row's cells side by side)
    from top to bottom, each in reading order, as (x0, y0, x1, y1, text)."""
    import pymupdf

    pages = []
    with pymupdf.open(path) as doc:
        for page in doc:
            rows: list[list] = []
            for word in sorted(page.get_text("words"), key=lambda w: (w[3], w[0])):
                if rows and abs(rows[-1][0][3] - word[3]) < 2:
                    rows[-1].append(word[:5])
                else:
                    rows.append([word[:5]])
            lines = [sorted(row, key=lambda w: -w[2] if rtl else w[0]) for row in rows]
            pages.append({"lines": lines, "width": page.rect.width, "height": page.rect.height})
    return pages


def rasterise(path: Path, name: str) -> list[Path]:
    import pymupdf

    PRINT_ARTIFACTS.mkdir(parents=True, exist_ok=True)
    images = []
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, 1):
            image = PRINT_ARTIFACTS / f"{name}-{number}.png"
            page.get_pixmap(dpi=72).save(str(image))
            images.append(image)
    return images


def page_text(page) -> str:
    return "\n".join(" ".join(w[4] for w in line) for line in page["lines"])


def words_of(text: str) -> list[str]:
    return [norm(w) for w in text.split()]


def html_soup(site: Path, language: str, page: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page_path(site, language, page).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.browser
@pytest.mark.parametrize("language,page", PRINTED)
def test_printed_article_has_no_site_chrome(printed, site, language, page):
    """No word of the header, search, language menu, navigation, footer or
    the screen-only links (open data, PDF, edit) that the article does not
    hold itself reaches the paper."""
    soup = html_soup(site, language, page)
    screen_only = soup.select("article .md-content__button, article .headerlink, article .data-table__downloads, article .pdf-download")
    chrome = " ".join(element.get_text(" ") for element in soup.select(".md-header, .md-sidebar, .md-footer, .md-search, .md-skip"))
    chrome += " " + " ".join(element.get_text(" ") for element in screen_only)
    for element in screen_only:
        element.extract()
    article_words = set(words_of(soup.select_one("article").get_text(" ")))
    chrome_only = {w for w in words_of(chrome) if len(w) > 3 and w not in article_words}
    assert len(chrome_only) > 5, "no chrome text to look for"
    pdf_words = {norm(w[4]) for p in read_pdf(printed[(language, page)], language == "ar") for line in p["lines"] for w in line}
    assert not chrome_only & pdf_words, f"site chrome on paper: {sorted(chrome_only & pdf_words)[:10]}"


@pytest.mark.browser
@pytest.mark.parametrize("language,page", PRINTED)
def test_printed_tables_are_whole_with_their_header_on_every_page(printed, site, language, page):
    rtl = language == "ar"
    pages = read_pdf(printed[(language, page)], rtl)
    soup = html_soup(site, language, page)
    tables = soup.select("article .data-table table")
    assert tables, "this article has tables"
    margin = 15 / 25.4 * 72  # the 15 mm side margins of scripts/pdf.py
    # Word boxes come from the glyph boxes of the font; final Arabic letters (ى, ق)
    # in Noto Sans Arabic reach a little past the width the line is set by.
    slack = 3 if rtl else 2
    for p in pages:
        for line in p["lines"]:
            for x0, _, x1, _, word in line:
                assert margin - slack <= x0 and x1 <= p["width"] - margin + slack, f"{word!r} outside the printable width"
    for table in tables:
        name = repr(table.caption.get_text())
        cells = table.select("thead th")
        headers = [norm(w) for th in cells for w in th.get_text(" ").split()]
        rows = [norm(th.get_text(" ").split()[0]) for th in table.select("tbody th")]
        # Read the pages in order: the table starts at its header row, whose
        # first cell gives the first column's edge; it ends at the first line
        # that starts outside the table (the text after it). Every row must
        # sit below a header row on its own page.
        inside, edge, header_pages, found = False, None, set(), []
        for index, p in enumerate(pages):
            for line in p["lines"]:
                first = line[0]
                start = first[2] if rtl else first[0]
                words = [norm(w[4]) for w in line]
                # The header row, maybe with a long header wrapped below.
                if words[0] == headers[0] and len(words) >= len(cells) and set(words) <= set(headers):
                    inside, edge = True, start
                    header_pages.add(index)
                elif inside and (start > edge + 5 if rtl else start < edge - 5):
                    inside = False
                elif inside and abs(start - edge) < 3:
                    # A row header such as "Cost-effectiveness" may wrap at its hyphen.
                    word = norm(first[4])
                    row = next((r for r in rows if r == word or (first[4].endswith("-") and r.startswith(word))), None)
                    if row:
                        assert index in header_pages, f"{name}: row {row!r} on page {index + 1} without the header row above it"
                        found.append(row)
        assert header_pages, f"{name}: header row not found"
        missing = set(rows) - set(found)
        assert not missing, f"{name}: rows missing on paper: {missing}"


@pytest.mark.browser
@pytest.mark.parametrize("language,page", PRINTED)
def test_printed_article_ends_with_sources_and_url(printed, language, page):
    pages = read_pdf(printed[(language, page)], language == "ar")
    last = [" ".join(w[4] for w in line) for line in pages[-1]["lines"]]
    last = [line for line in last if not re.fullmatch(r"\d+ / \d+", line)]  # the page number footer
    url = absolute_url(language, page)
    assert url in last[-1], f"the page's URL should end the PDF, found {last[-3:]}"
    assert norm(UI["print_sources"][language]) in {norm(line) for line in last}
    for number in front_matter(language, page)["sources"]:
        assert any(str(number) in line for line in last)


@pytest.mark.browser
@pytest.mark.parametrize("language,page", PRINTED)
def test_printed_article_runs_in_its_direction(printed, site, language, page):
    """Arabic is drawn right to left: the title's words from right to left,
    paragraphs flush right, the page's ink against the right margin; the
    other languages the other way round. The page images are kept."""
    rtl = language == "ar"
    path = printed[(language, page)]
    pages = read_pdf(path, rtl)
    heading = html_soup(site, language, page).select_one("article h1")
    for link in heading.select(".headerlink"):
        link.extract()
    title = [norm(w) for w in heading.get_text(" ").split()]
    first_line = pages[0]["lines"][0]
    assert [norm(w[4]) for w in first_line] == title[: len(first_line)], "the title comes first, its words in reading order"
    xs = [w[0] for w in first_line]
    assert xs == sorted(xs, reverse=rtl), "the title's words are drawn in the language's direction"
    # Lines start at one edge and end ragged: starting at the right in Arabic.
    lines = [line for p in pages for line in p["lines"] if len(line) > 6]
    starts = [round(line[0][2] if rtl else line[0][0]) for line in lines]
    ends = [round(line[-1][0] if rtl else line[-1][2]) for line in lines]
    assert len(set(starts)) < len(set(ends)) / 2, "lines should start at a few edges and end ragged"
    common = max(set(starts), key=starts.count)
    assert (common > pages[0]["width"] / 2) if rtl else (common < pages[0]["width"] / 2)
    # The rendered first page: the title's ink is nearer its starting margin.
    import pymupdf

    images = rasterise(path, f"{language}-{page}")
    assert images
    pixmap = pymupdf.Pixmap(str(images[0]))
    top = first_line[0][1] * pixmap.height / pages[0]["height"], first_line[0][3] * pixmap.height / pages[0]["height"]
    ink = [
        x
        for y in range(int(top[0]), int(top[1]))
        for x in range(pixmap.width)
        if sum(pixmap.pixel(x, y)[:3]) < 3 * 160
    ]
    assert ink, "the title is drawn"
    left_gap, right_gap = min(ink), pixmap.width - 1 - max(ink)
    assert (right_gap < left_gap) if rtl else (left_gap < right_gap)
