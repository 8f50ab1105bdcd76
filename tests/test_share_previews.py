"""Share previews: OpenGraph and Twitter card tags, JSON-LD and a 1200x630
share image on every page in every language; the home page's title names
the site once."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ARTICLES, LANGUAGES, PAGES, ROOT, SITE_NAMES, SITE_URL, page_path, page_url, run_mkdocs_build

LOCALES = {"en": "en_GB", "de": "de_DE", "fr": "fr_FR", "hu": "hu_HU", "ar": "ar_AR"}


def metas(soup) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for tag in soup.head.find_all("meta"):
        key = tag.get("property") or tag.get("name")
        if key and (key.startswith("og:") or key.startswith("twitter:")):
            found.setdefault(key, []).append(tag["content"])
    return found


def graph(soup) -> dict[str, dict]:
    scripts = soup.head.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_title_names_the_site_once(soup_of, language):
    assert soup_of(language, "index").title.get_text(strip=True) == SITE_NAMES[language]
    # Other pages keep "page - site".
    assert soup_of(language, "glossary").title.get_text(strip=True).endswith(f" - {SITE_NAMES[language]}")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_open_graph_and_twitter_tags(site, soup_of, language, name):
    soup = soup_of(language, name)
    tags = metas(soup)
    one = {key: values[0] for key, values in tags.items() if key != "og:locale:alternate"}
    assert all(len(values) == 1 for key, values in tags.items() if key != "og:locale:alternate"), tags
    canonical = soup.head.select_one('link[rel="canonical"]')["href"]
    title = one["og:title"]
    assert one["og:url"] == canonical == SITE_URL.rstrip("/") + page_url(language, name)
    assert one["og:type"] == ("article" if name in ARTICLES else "website")
    assert one["og:site_name"] == SITE_NAMES[language]
    assert one["og:locale"] == LOCALES[language]
    assert sorted(tags["og:locale:alternate"]) == sorted(v for k, v in LOCALES.items() if k != language)
    description = soup.head.select_one('meta[name="description"]')["content"]
    assert one["og:description"] == one["twitter:description"] == description
    if name == "index":
        assert title == SITE_NAMES[language]
    else:
        assert soup.title.get_text(strip=True) == f"{title} - {SITE_NAMES[language]}"
    assert one["twitter:card"] == "summary_large_image"
    assert one["twitter:title"] == title
    # The image: absolute, on this site, a 1200x630 PNG.
    image = one["og:image"]
    assert image == one["twitter:image"] and image.startswith(SITE_URL + "assets/images/social/")
    assert (one["og:image:width"], one["og:image:height"], one["og:image:type"]) == ("1200", "630", "image/png")
    assert one["og:image:alt"] == one["twitter:image:alt"] and one["og:image:alt"].endswith(SITE_NAMES[language])
    from PIL import Image

    with Image.open(site / image[len(SITE_URL):]) as picture:
        assert (picture.format, picture.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_json_ld_describes_the_page_in_its_site(soup_of, language, name):
    soup = soup_of(language, name)
    tags = {key: values[0] for key, values in metas(soup).items()}
    nodes = graph(soup)
    kind = "Article" if name in ARTICLES else "WebPage"
    assert set(nodes) == {"WebSite", kind, "BreadcrumbList"}
    site, page, crumbs = nodes["WebSite"], nodes[kind], nodes["BreadcrumbList"]
    home = SITE_URL.rstrip("/") + page_url(language, "index")
    assert (site["url"], site["name"], site["inLanguage"]) == (home, SITE_NAMES[language], language)
    assert page["url"] == tags["og:url"]
    assert page["headline"] == tags["og:title"]
    assert page["description"] == tags["og:description"]
    assert page["inLanguage"] == language
    assert page["isPartOf"] == {"@id": site["@id"]}
    assert page["breadcrumb"] == {"@id": crumbs["@id"]}
    assert page["image"]["url"] == tags["og:image"]
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert items[0]["item"] == home and items[-1]["item"] == page["url"]
    assert len(items) == (1 if name == "index" else 2)


def test_json_ld_and_tags_escape_what_pages_say():
    from datalib.share_meta import SharePage, head_html

    hostile = 'Costs </script><script>alert(1)</script> & "quotes" \u2028'
    page = SharePage(
        title=hostile, description=hostile, url="https://example.org/a/", kind="article", language="en", site_language="en", locale="en_GB",
        alternate_locales=("de_DE",), site_name="S", site_description="D", home_url="https://example.org/",
        image_url="https://example.org/i.png", image_alt=hostile, breadcrumb=(("S", "https://example.org/"), (hostile, "https://example.org/a/")),
    )
    soup = BeautifulSoup(f"<html><head>{head_html(page)}</head></html>", "html.parser")
    assert len(soup.find_all("script")) == 1
    assert soup.find("meta", property="og:title")["content"] == hostile
    data = json.loads(soup.script.string)
    assert data["@graph"][1]["headline"] == hostile
    assert "</" not in soup.script.string


# Images --------------------------------------------------------------------------


def title_box(path: Path) -> tuple[int, int, int, int]:
    """Where the white title text is drawn (the site name is lighter grey)."""
    from PIL import Image

    with Image.open(path) as picture:
        white = picture.convert("L").point(lambda v: 255 if v > 245 else 0)
        return white.getbbox()


def test_arabic_image_is_right_aligned_and_latin_left_aligned(site):
    from datalib.share_image import MARGIN, WIDTH

    left, _, right, _ = title_box(site / "assets/images/social/ar/shared-vs-dedicated.png")
    assert abs(right - (WIDTH - MARGIN)) <= 6 and left > MARGIN, (left, right)
    left, _, right, _ = title_box(site / "assets/images/social/de/shared-vs-dedicated.png")
    assert abs(left - MARGIN) <= 8 and right < WIDTH - MARGIN + 2, (left, right)


def test_arabic_letters_are_joined_in_both_layouts(monkeypatch):
    """Joined letters change a word's width; so does the fallback's shaping."""
    from PIL import ImageFont

    import datalib.share_image as share

    word, apart = "مشترك", "\u200c".join("مشترك")
    font = share._font("arabic", 64, 700)
    if share.engine_name() == "raqm":
        assert abs(font.getlength(word, direction="rtl") - font.getlength(apart, direction="rtl")) > 2
    # The fallback for a Pillow without Raqm: presentation forms in visual order.
    monkeypatch.setattr(share, "engine_name", lambda: "basic")
    shaped = share.visual(word, "rtl")
    assert all("\ufb50" <= c <= "\ufeff" for c in shaped)
    assert shaped != word[::-1]


def test_images_are_cached_by_content(tmp_path):
    from datalib.share_image import Card, cache_key, share_image

    card = Card("Glossar", "Bibliothek der Kundensupport-Modelle", "de", "ltr")
    cache = tmp_path / "cache"
    assert share_image(card, cache, tmp_path / "a.png") is True
    assert share_image(card, cache, tmp_path / "b.png") is False  # copied, not drawn
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert len(list(cache.iterdir())) == 1
    assert cache_key(card) != cache_key(Card("Glossary", card.site_name, "de", "ltr"))
    assert cache_key(card) != cache_key(Card(card.title, card.site_name, "en", "ltr"))


def test_missing_font_package_is_named(monkeypatch):
    import datalib.share_image as share

    share.font_path.cache_clear()
    monkeypatch.setitem(share.FONT_PACKAGES, "arabic", "No Such Font")
    try:
        with pytest.raises(share.ShareImageError, match="No Such Font.*requirements.txt"):
            share.font_path("arabic")
    finally:
        share.font_path.cache_clear()


@pytest.mark.slow
def test_second_build_reuses_every_image(tmp_path):
    cache = tmp_path / "cache"
    logs = []
    for run in ("first", "second"):
        import os

        os.environ["SHARE_IMAGE_CACHE"] = str(cache)
        try:
            result = run_mkdocs_build(ROOT, tmp_path / run)
        finally:
            del os.environ["SHARE_IMAGE_CACHE"]
        assert result.returncode == 0, result.stderr
        logs.append([tuple(map(int, m)) for m in re.findall(r"Share images \(\w+\): (\d+) drawn, (\d+) from the cache", result.stderr)])
    first, second = logs
    assert len(first) == len(LANGUAGES) and all(copied == 0 for _, copied in first)
    assert all(drawn == 0 for drawn, _ in second) and sum(c for _, c in second) == sum(d for d, _ in first)
    for image in (tmp_path / "first/assets/images/social").rglob("*.png"):
        assert image.read_bytes() == (tmp_path / "second" / image.relative_to(tmp_path / "first")).read_bytes()
