"""Readers know which language they read and how current it is: the outdated
notice, the language menu's states, the "available in your language" hint,
and left-to-right runs isolated inside Arabic text."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import ARTIFACTS, LANGUAGES, ROOT, _free_port, commit_english_edit, page_path, page_url, run_mkdocs_build, serve_directory
from datalib.bidi import isolate_ltr_runs

TRANSLATIONS = [language for language in LANGUAGES if language != "en"]


@pytest.fixture(scope="module")
def state_site(tmp_path_factory):
    """A build in which the English glossary changed after every translation
    was reviewed (committed, so history has it) and Arabic lacks the Sources
    page. Gives (site folder, the address it was built for)."""
    base = tmp_path_factory.mktemp("state")
    project = base / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "test-artifacts", ".tools", ".cache"))
    (base / "shared").symlink_to(ROOT.parent / "shared")
    commit_english_edit(project)
    (project / "docs/ar/sources.md").unlink()
    address = f"http://127.0.0.1:{_free_port()}/"
    result = run_mkdocs_build(project, base / "site", site_url=address)
    assert result.returncode == 0, result.stderr
    return base / "site", address


def soup(site: Path, language: str, page: str) -> BeautifulSoup:
    return BeautifulSoup(page_path(site, language, page).read_text(encoding="utf-8"), "html.parser")


# Built pages -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_outdated_page_says_so_in_its_language_with_links(state_site, language):
    site, _ = state_site
    page = soup(site, language, "glossary")
    notice = page.select_one("article .outdated-notice")
    assert notice is not None
    assert notice.find_parent("html")["lang"] == language
    links = {a.get_text(): a["href"] for a in notice.select("a")}
    assert len(links) == 2
    english, changes = links.values()
    assert english == "../../glossary/"
    assert changes == f"../translation-changes/#changes-glossary-{language}"
    assert notice.select_one("time")["datetime"]  # the English page's commit date
    assert page.select_one('meta[name="robots"]') is None  # still the right page for this language
    # The changes it points at exist.
    assert soup(site, language, "translation-changes").select_one(f"#changes-glossary-{language}") is not None


@pytest.mark.slow
def test_up_to_date_and_english_pages_show_no_outdated_notice(state_site):
    site, _ = state_site
    assert soup(site, "en", "glossary").select_one(".outdated-notice") is None
    for language in TRANSLATIONS:
        assert soup(site, language, "operating-model").select_one(".outdated-notice") is None


@pytest.mark.slow
def test_language_menu_labels_each_language_with_its_state(state_site):
    site, _ = state_site
    menu = {a["hreflang"]: (a["data-state"], " ".join(a.get_text().split())) for a in soup(site, "de", "glossary").select(".md-select__link")}
    assert menu == {
        "en": ("source", "English (Original)"),
        "de": ("outdated", "Deutsch (Übersetzung veraltet)"),
        "fr": ("outdated", "Français (Übersetzung veraltet)"),
        "hu": ("outdated", "Magyar (Übersetzung veraltet)"),
        "ar": ("outdated", "العربية (Übersetzung veraltet)"),
    }
    sources = {a["hreflang"]: a["data-state"] for a in soup(site, "en", "sources").select(".md-select__link")}
    assert sources == {"en": "source", "de": "up-to-date", "fr": "up-to-date", "hu": "up-to-date", "ar": "missing"}
    arabic = soup(site, "ar", "sources").select_one('.md-select__link[hreflang="ar"]')
    assert " ".join(arabic.get_text().split()) == "العربية (بالإنجليزية)"


@pytest.mark.parametrize("language", LANGUAGES)
def test_menu_links_still_land_on_the_same_page(soup_of, language):
    for link in soup_of(language, "operating-model").select(".md-select__link"):
        target = link["hreflang"]
        assert link["data-state"] == ("source" if target == "en" else "up-to-date")
        assert urljoin(page_url(language, "operating-model"), link["href"]) == page_url(target, "operating-model")


@pytest.mark.slow
def test_hint_data_lists_only_languages_that_have_the_page(state_site):
    import json

    site, _ = state_site
    data = json.loads(soup(site, "en", "sources").select_one("#__language-hint").string)
    assert data["language"] == "en"
    assert sorted(data["pages"]) == ["de", "en", "fr", "hu"]  # not ar: shown in English there
    assert data["pages"]["de"] == {"href": "../de/sources/", "dir": "ltr", "text": "Diese Seite gibt es auch auf Deutsch.", "link": "Auf Deutsch lesen", "dismiss": "Schließen"}


def test_ltr_runs_are_isolated_but_code_and_dir_elements_are_left_alone():
    html = '<p>بين 40–60 % من ITIL &amp; SaaS، <code>a 1</code> <span lang="en" dir="auto">Shared</span> GPT 4.0.</p>'
    assert isolate_ltr_runs(html) == (
        '<p>بين <bdi dir="ltr">40–60 %</bdi> من <bdi dir="ltr">ITIL &amp; SaaS</bdi>، <code>a 1</code> '
        '<span lang="en" dir="auto">Shared</span> <bdi dir="ltr">GPT 4.0</bdi>.</p>'
    )
    assert isolate_ltr_runs('<a href="a-1.html" title="B 2">نص</a>') == '<a href="a-1.html" title="B 2">نص</a>'
    # Brackets around a run belong to the Arabic sentence (which mirrors
    # them); brackets inside it stay with it.
    assert isolate_ltr_runs("<p>الساعة (24/7)، و(GPT 4.0)</p>") == '<p>الساعة (<bdi dir="ltr">24/7</bdi>)، و(<bdi dir="ltr">GPT 4.0</bdi>)</p>'
    assert isolate_ltr_runs("<p>إطار ITIL (v4) هنا</p>") == '<p>إطار <bdi dir="ltr">ITIL (v4)</bdi> هنا</p>'


def test_arabic_tables_and_text_isolate_latin_terms_and_figures(soup_of):
    page = soup_of("ar", "operating-model")
    isolated = [b.get_text() for b in page.select("article bdi[dir=ltr]")]
    assert any("40" in text and "60" in text for text in isolated), isolated
    assert any("CoE" in text or "COE" in text for text in isolated), isolated
    assert not soup_of("de", "operating-model").select("article bdi")  # left-to-right pages need none


# In the browser ----------------------------------------------------------------


@pytest.fixture(scope="module")
def served_state_site(state_site):
    site, address = state_site
    with serve_directory(site, urlsplit(address).port) as base:
        yield base


def context_page(browser, locale: str, width: int = 1280):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    return context, context.new_page()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "ar"])
def test_outdated_notice_in_the_browser(browser, served_state_site, language):
    context, page = context_page(browser, f"{language}-XX")
    page.goto(served_state_site + page_url(language, "glossary"))
    notice = page.locator(".outdated-notice")
    assert notice.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"outdated-notice-{language}.png"))
    notice.locator("a").nth(1).click()
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == page_url(language, "translation-changes")
    assert "reworded" in page.locator(f"#changes-glossary-{language}").inner_text()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("reader,opened", [("de", "en"), ("ar", "de"), ("en", "ar")])
def test_hint_offers_the_readers_language_and_is_remembered_when_dismissed(browser, served_site, reader, opened):
    context, page = context_page(browser, {"de": "de-DE", "ar": "ar-EG", "en": "en-GB"}[reader])
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_site + page_url(opened, "operating-model"))
    hint = page.locator(".language-hint")
    assert hint.is_visible()
    assert hint.get_attribute("lang") == reader
    assert hint.get_attribute("dir") == ("rtl" if reader == "ar" else "ltr")
    assert urlsplit(hint.locator("a").evaluate("a => a.href")).path == page_url(reader, "operating-model")
    assert urlsplit(page.url).path == page_url(opened, "operating-model"), "no redirect"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"language-hint-{reader}-on-{opened}.png"))
    hint.locator("button").click()
    assert page.locator(".language-hint").count() == 0
    page.reload()
    assert page.locator(".language-hint").count() == 0, "dismissal is remembered"
    assert all(urlsplit(url).netloc == urlsplit(served_site).netloc for url in requests)
    context.close()


@pytest.mark.browser
def test_no_hint_in_the_readers_own_language_or_after_an_explicit_choice(browser, served_site):
    context, page = context_page(browser, "de-DE")
    page.goto(served_site + page_url("de", "glossary"))
    assert page.locator(".language-hint").count() == 0
    # The reader picks English in the menu: remembered, so English pages no
    # longer offer German.
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="en"]')
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == page_url("en", "glossary")
    assert page.evaluate("localStorage.getItem('library.language')") == "en"
    assert page.locator(".language-hint").count() == 0
    context.close()


@pytest.mark.browser
def test_latin_terms_and_ranges_keep_their_order_in_arabic(browser, served_site):
    context, page = context_page(browser, "ar-EG")
    page.goto(served_site + page_url("ar", "operating-model"))
    order = page.evaluate(
        """() => {
          // Every isolated run with two numbers: the first typed must be drawn first, left to right.
          const results = [];
          for (const bdi of document.querySelectorAll('article bdi[dir=ltr]')) {
            const text = bdi.textContent, match = text.match(/(\\d+)\\D+(\\d+)/);
            if (!match) continue;
            const node = bdi.firstChild, range = document.createRange();
            const at = (index) => { range.setStart(node, index); range.setEnd(node, index + 1); return range.getBoundingClientRect().left; };
            const second = text.indexOf(match[2], match.index + match[1].length);
            results.push([text, at(match.index) < at(second)]);
          }
          return results;
        }"""
    )
    assert any("40" in text for text, _ in order), order
    assert all(ok for _, ok in order), order
    cell = page.locator("article td bdi", has_text="40").first
    cell.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    cell.locator("xpath=ancestor::tr").screenshot(path=str(ARTIFACTS / "arabic-isolated-range.png"))
    context.close()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_notice_menu_and_hint_are_accessible_and_quiet(browser, served_state_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe, found, problems = Axe(), {}, []
    host = urlsplit(served_state_site).netloc
    # en-GB reader: German and Arabic pages show the outdated notice and the English hint.
    context = browser.new_context(color_scheme=scheme, locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(("console", message.text)))
    page.on("pageerror", lambda error: problems.append(("pageerror", str(error))))
    page.on("request", lambda request: urlsplit(request.url).netloc != host and problems.append(("request", request.url)))
    for language in ("en", "de", "ar"):
        for name in ("glossary", "translation-changes", "translation-status", "sources"):
            page.goto(served_state_site + page_url(language, name))
            page.wait_for_load_state("networkidle")
            if language != "en" and name == "glossary":
                assert page.locator(".outdated-notice").is_visible() and page.locator(".language-hint").is_visible()
            page.hover(".md-header__option .md-select")  # the menu open, with its state labels
            page.wait_for_timeout(400)  # past its fade-in: axe measures colours as drawn
            results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
            if results.response["violations"]:
                found[(language, name)] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]
    context.close()
    assert found == {}
    assert problems == []


def search(page, query: str) -> None:
    page.keyboard.press("/")  # Material's shortcut opens search
    page.fill(".md-search__input", query)
    page.press(".md-search__input", "End")  # Material listens for keyup


@pytest.mark.browser
@pytest.mark.parametrize("language,note,badge", [
    ("de", "Keine Treffer auf Deutsch. Treffer auf den englischen Seiten:", "Englisch"),
    ("ar", "لا توجد نتائج بالعربية. نتائج من الصفحات الإنجليزية:", "بالإنجليزية"),
])
def test_search_with_no_results_offers_english_results_marked_as_english(browser, served_site, language, note, badge):
    context, page = context_page(browser, f"{language}-XX")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(served_site + page_url(language, "glossary"))
    search(page, "centralisation")
    page.wait_for_selector(".search-fallback .md-search-result__item")
    assert page.locator(".md-search-result__list:not(.search-fallback__list) > *").count() == 0
    assert page.locator(".search-fallback__note").inner_text() == note
    items = page.locator(".search-fallback .md-search-result__item")
    paths = items.locator("a").evaluate_all("links => links.map(a => a.pathname)")
    assert page_url("en", "operating-model") in paths
    assert not any(path.startswith(f"/{language}/") for path in paths), "only English pages, marked as such"
    assert items.locator("h1").evaluate_all("titles => titles.map(t => t.lang)") == ["en"] * items.count()
    assert set(items.locator(".search-fallback__badge").all_inner_texts()) == {badge}
    assert all(urlsplit(url).netloc == urlsplit(served_site).netloc for url in requests)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-fallback-{language}.png"))
    # A query with results in the page's language shows no English ones.
    page.fill(".md-search__input", "ITIL")
    page.press(".md-search__input", "End")
    page.wait_for_selector(".md-search-result__list:not(.search-fallback__list) > .md-search-result__item")
    page.wait_for_timeout(300)
    assert page.locator(".search-fallback").count() == 0
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_fallback_is_accessible(browser, served_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + page_url("de", "glossary"))
    search(page, "centralisation")
    page.wait_for_selector(".search-fallback .md-search-result__item")
    results = Axe().run(page, context=".md-search", options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
    assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []
    assert errors == []
    context.close()


def test_english_pages_carry_no_search_fallback(soup_of):
    assert soup_of("en", "glossary").select_one("#__search-fallback") is None
    assert soup_of("hu", "glossary").select_one("#__search-fallback") is not None
