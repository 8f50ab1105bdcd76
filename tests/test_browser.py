"""The site in a real browser (Debian's Chromium through Playwright)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, LANGUAGES, PAGES, SITE_URL, page_url

pytestmark = pytest.mark.browser
HOST = urlsplit(SITE_URL).netloc


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_click_lands_on_same_page(page, served_site, language):
    for target in LANGUAGES:
        if target == language:
            continue
        page.goto(served_site + page_url(language, "operating-model") + "#location")
        page.hover(".md-header__option .md-select")
        page.click(f'.md-select__link[hreflang="{target}"]')
        page.wait_for_load_state("load")
        assert urlsplit(page.url).path == page_url(target, "operating-model")
        assert page.evaluate("document.documentElement.lang") == target


def test_arabic_lays_out_right_to_left(browser, served_site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(served_site + page_url("ar", "shared-vs-dedicated"))
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    nav = page.locator(".md-sidebar--primary").bounding_box()
    content = page.locator(".md-content").bounding_box()
    assert nav["x"] > content["x"], "navigation sits on the right"
    # Table text starts at the right edge of its cell.
    cell = page.locator('div[data-table="support-models/comparison"] tbody td').first
    gap = cell.evaluate(
        """td => { const r = document.createRange(); r.selectNodeContents(td);
                   const text = r.getBoundingClientRect(), box = td.getBoundingClientRect();
                   return [box.right - text.right, text.left - box.left]; }"""
    )
    assert gap[0] < gap[1], "cell text is aligned right"
    # Arabic letters join: a word is narrower or wider than its letters forced
    # apart with zero-width non-joiners only if a font shapes them.
    widths = page.evaluate(
        """() => ['مشترك', 'م\u200cش\u200cت\u200cر\u200cك'].map(text => {
             const span = document.createElement('span'); span.textContent = text;
             span.style.cssText = 'position:absolute;font-size:40px;white-space:nowrap'; document.body.appendChild(span);
             const width = span.getBoundingClientRect().width; span.remove(); return width; })"""
    )
    assert abs(widths[0] - widths[1]) > 2, widths
    context.close()


def test_arabic_is_set_in_an_arabic_typeface(page, served_site):
    # Material's stack names no font with Arabic letters; without ours each
    # Arabic run falls back to DejaVu Sans here (see library.css).
    page.goto(served_site + page_url("ar", "shared-vs-dedicated"))
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for selector in (".md-content h1", ".md-content p", ".md-nav__link"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        families = {font["familyName"] for font in fonts}  # spaces and digits may come from the Latin face
        assert "Noto Sans Arabic" in families and "DejaVu Sans" not in families, (selector, fonts)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_home_screenshot_is_kept(page, served_site, language):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(served_site + page_url(language, "index"))
    path = ARTIFACTS / f"home-{language}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_request_nothing_from_other_hosts_and_log_no_errors(page, served_site, language):
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(("console", message.text)))
    page.on("pageerror", lambda error: problems.append(("pageerror", str(error))))
    page.on("request", lambda request: urlsplit(request.url).netloc not in (HOST, "") and problems.append(("request", request.url)))
    page.on("requestfailed", lambda request: problems.append(("failed", request.url)))
    page.on("response", lambda response: response.status >= 400 and problems.append((response.status, response.url)))
    for name in PAGES:
        page.goto(served_site + page_url(language, name))
        page.wait_for_load_state("networkidle")
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_wcag_a_or_aa_violations(browser, served_site, language, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    found = {}
    for name in PAGES:
        page.goto(served_site + page_url(language, name))
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if scheme == "dark" else "default")
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
        violations = results.response["violations"]
        if violations:
            found[name] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    context.close()
    assert found == {}


@pytest.mark.parametrize("language", ["en", "ar", "hu"])
def test_tables_are_readable_on_a_360px_screen(browser, served_site, language):
    context = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    for name in ("shared-vs-dedicated", "operating-model", "in-house-vs-outsourced", "glossary"):
        page.goto(served_site + page_url(language, name))
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, name
        for box in page.locator("div.data-table td, div.data-table th[scope=row]").evaluate_all(
            "cells => cells.map(c => c.getBoundingClientRect()).map(r => [r.left, r.right, r.width])"
        ):
            left, right, width = box
            assert left >= 0 and right <= 360 and width > 200, (name, box)
        # Each cell names its column on a phone, since the header row is hidden.
        label = page.locator("div.data-table td").first.evaluate("td => getComputedStyle(td, '::before').content")
        assert label not in ("none", "normal", '""')
    if language == "ar":
        ARTIFACTS.mkdir(exist_ok=True)
        page.goto(served_site + page_url(language, "shared-vs-dedicated") + "#comparison")
        page.screenshot(path=str(ARTIFACTS / "phone-ar-comparison.png"))
    context.close()


def test_palette_switches_without_restyling_the_page_on_load(page, served_site):
    # Material freezes transitions with data-md-color-switching while a reader
    # switches palettes; on load nothing transitions, so the flag (two
    # whole-page restyles) is skipped there (hooks/material_patches.py).
    page.add_init_script("""
        window.__switching = [];
        new MutationObserver(records => records.forEach(r => window.__switching.push(
            r.target.hasAttribute("data-md-color-switching")))
        ).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-md-color-switching"]});
    """)
    page.emulate_media(color_scheme="light")
    page.goto(served_site + page_url("de", "index"))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    assert page.evaluate("window.__switching") == []
    page.locator('[data-md-component="palette"] label:not([hidden])').click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
    assert page.evaluate("window.__switching") == [True, False], "set for the switch, removed after"
