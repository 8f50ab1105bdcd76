"""Which languages the site has and which one is being built.

static-i18n runs one build per language; during a build the language is the
plugin's current_language (page.file.locale is only the source file's
language, which differs on fallback pages).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig


def _i18n(config: MkDocsConfig):
    return config.plugins["i18n"]


def languages(config: MkDocsConfig) -> tuple[str, ...]:
    return tuple(language.locale for language in _i18n(config).config.languages)


def default_language(config: MkDocsConfig) -> str:
    return _i18n(config).default_language


# Languages whose build is in progress, innermost last. static-i18n builds the
# other languages inside the default language's on_post_build and leaves its
# current_language at the last one, so late post-build events of the default
# build would otherwise see the wrong language. hooks/build_language.py keeps
# this stack.
_building: list[str] = []


def begin_build(config: MkDocsConfig) -> None:
    _building.append(_i18n(config).current_language or default_language(config))


def end_build() -> None:
    if _building:
        _building.pop()


def current_language(config: MkDocsConfig) -> str:
    if _building:
        return _building[-1]
    return _i18n(config).current_language or default_language(config)


def url_prefix(config: MkDocsConfig, language: str | None = None) -> str:
    """'' for the default language, 'de/' for German: where its pages live."""
    language = language or current_language(config)
    return "" if language == default_language(config) else f"{language}/"


def home_path(config: MkDocsConfig, language: str | None = None) -> str:
    """Absolute URL path of a language's home: '/de/' (or '/docs/de/' when
    site_url has a path). For pages served at any depth, such as 404 pages."""
    return f"{urlsplit(config.site_url).path.rstrip('/')}/{url_prefix(config, language)}"


def language_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's name as the language switcher shows it."""
    return {language.locale: language.name for language in _i18n(config).config.languages}


def language_root(config: MkDocsConfig, language: str | None = None) -> Path:
    return Path(config.site_dir) / url_prefix(config, language)


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def source_name(config: MkDocsConfig, abs_path: str) -> str:
    """A path as a contributor sees it in the repository: 'docs/de/x.md'."""
    try:
        return Path(abs_path).resolve().relative_to(project_root(config)).as_posix()
    except ValueError:
        return abs_path


# The nav section whose pages are articles: og:type article, JSON-LD Article,
# and a PDF (hooks/share_previews.py, hooks/print_pdf.py).
ARTICLES_SECTION = "Articles"


def is_article(config: MkDocsConfig, page) -> bool:
    """True for a page listed under Articles in mkdocs.yml's nav."""
    for entry in config.get("nav") or []:
        if isinstance(entry, dict) and ARTICLES_SECTION in entry:
            names = {item if isinstance(item, str) else next(iter(item.values())) for item in entry[ARTICLES_SECTION]}
            return page.file.src_uri.split("/")[-1] in names
    return False


def direction(config: MkDocsConfig, language: str) -> str:
    """'rtl' or 'ltr', as configured for that language in mkdocs.yml."""
    overrides = _i18n(config).get_language_config(language).theme or {}
    return overrides.get("direction") or "ltr"


def reset_language_selector(config: MkDocsConfig) -> None:
    """Point the language selector at each language's home again.

    static-i18n rewrites config.extra.alternate for every page (to the same
    page in each language) and only resets it at the next page, so templates
    rendered after the pages, such as 404.html, would inherit the last page's
    links.
    """
    from copy import deepcopy

    roots = getattr(_i18n(config), "extra_alternate", None)
    if roots:
        config.extra["alternate"] = deepcopy(roots)
