"""MkDocs hook: share previews. Every page gets OpenGraph and Twitter card
tags, JSON-LD (WebSite, Article or WebPage, BreadcrumbList) and a 1200x630
PNG share image with its title and the site name, in the language being
built; the home page's <title> names the site once.

The image is drawn at build time with Pillow and fonts from PyPI packages
(datalib/share_image.py), cached by content in .cache/share-images/ (outside
site/, in .gitignore; SHARE_IMAGE_CACHE moves it) so a rebuild copies instead
of drawing. SHARE_IMAGES=0 leaves the images out (the tags stay, without
og:image), for measuring what they cost.

Runs after hooks/head_links.py, whose canonical URL is the og:url.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from datalib.share_image import Card, ShareImageError, check_requirements, share_image
from datalib.share_meta import SharePage, head_html
from site_data import catalog, ui_strings
from head_links import absolute
from site_languages import current_language, default_language, direction, is_article, languages, project_root, url_prefix

log = get_plugin_logger("share_previews")

IMAGE_DIR = "assets/images/social"

_stats = {"drawn": 0, "copied": 0, "seconds": 0.0}


def images_enabled() -> bool:
    return os.environ.get("SHARE_IMAGES", "1") != "0"


def cache_dir(config) -> Path:
    return Path(os.environ.get("SHARE_IMAGE_CACHE") or project_root(config) / ".cache" / "share-images")


def image_path(page_url: str, is_home: bool) -> str:
    """'de/glossary/' -> 'assets/images/social/de/glossary.png'; a home page
    ('' or 'de/') -> 'assets/images/social/index.png' or '…/de/index.png'."""
    stem = page_url.strip("/")
    if is_home:
        stem = f"{stem}/index" if stem else "index"
    return f"{IMAGE_DIR}/{stem}.png"


def on_config(config):
    if images_enabled():
        try:
            check_requirements()
        except ShareImageError as error:
            raise PluginError(f"Share images: {error} (SHARE_IMAGES=0 builds without them)") from None
    return config


def on_pre_build(config):
    _stats.update(drawn=0, copied=0, seconds=0.0)


def on_page_context(context, page, config, nav):
    language = current_language(config)
    ui = ui_strings(config)
    links = context.get("head_links") or {}
    fallback = bool(links.get("fallback"))
    content_language = default_language(config) if fallback else language
    is_home = page.url == url_prefix(config)

    site_name = config.site_name
    description = (page.meta.get("description") or config.site_description or "").strip()
    title = site_name if is_home else (page.meta.get("title") or page.title or site_name)
    url = links.get("canonical") or absolute(config, page.url)
    home_url = absolute(config, url_prefix(config))
    own_locale = ui["share_locale"]
    # The locales of the other languages, each from its own data/ui.yaml text.
    locales = catalog().ui.strings["share_locale"]
    alternates = tuple(locales[other] for other in languages(config) if other != language)
    # og:locale follows the text: a page shown in English until it is
    # translated is marked up in English.
    locale = locales[content_language] if fallback else own_locale
    if fallback:
        alternates = tuple(l for l in (own_locale, *alternates) if l != locale)

    # The image shows the page's title under the site name; the home page,
    # whose title is the site name, shows its description instead.
    drawn_title = description if is_home else title
    image = image_path(page.url, is_home)
    if images_enabled():
        started = time.perf_counter()
        card = Card(title=drawn_title, site_name=site_name, language=content_language, direction=direction(config, content_language))
        try:
            drawn = share_image(card, cache_dir(config), Path(config.site_dir) / image)
        except ShareImageError as error:
            raise PluginError(f"Share image for {page.file.src_uri}: {error}") from None
        _stats["drawn" if drawn else "copied"] += 1
        _stats["seconds"] += time.perf_counter() - started

    breadcrumb = ((site_name, home_url),) if is_home else ((site_name, home_url), (title, url))
    share = SharePage(
        title=title,
        description=description,
        url=url,
        kind="article" if is_article(config, page) else "website",
        language=content_language,
        site_language=language,
        locale=locale,
        alternate_locales=alternates,
        site_name=site_name,
        site_description=(config.site_description or "").strip(),
        home_url=home_url,
        image_url=absolute(config, image) if images_enabled() else "",
        image_alt=f"{drawn_title} – {site_name}",
        breadcrumb=breadcrumb,
    )
    context["share"] = {"head": head_html(share), "is_home": is_home}
    return context


def on_post_build(config):
    if images_enabled() and (_stats["drawn"] or _stats["copied"]):
        log.info(
            "Share images (%s): %d drawn, %d from the cache, %.2f s",
            current_language(config), _stats["drawn"], _stats["copied"], _stats["seconds"],
        )
