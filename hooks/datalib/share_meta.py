"""The share-preview metadata of a page: OpenGraph and Twitter card tags and
JSON-LD (schema.org), as HTML for the page's <head>.

Every value is escaped here: attribute values with html.escape, and JSON-LD
with the characters that could end or confuse the <script> element ('<', '>',
'&', U+2028, U+2029) written as JSON \\u escapes, so no text from the
front matter or data can inject markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class SharePage:
    title: str  # og:title and the JSON-LD headline
    description: str
    url: str  # absolute, the canonical URL
    kind: str  # 'article' or 'website' (og:type)
    language: str  # the language of the page's text: 'de'
    site_language: str  # the language of the site being built (differs on a page not translated yet)
    locale: str  # og:locale: 'de_DE'
    alternate_locales: tuple[str, ...]
    site_name: str
    site_description: str
    home_url: str  # absolute
    image_url: str  # absolute
    image_alt: str
    image_width: int = 1200
    image_height: int = 630
    # (name, absolute URL) from the home page to this page
    breadcrumb: tuple[tuple[str, str], ...] = field(default=())


SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_safe_json(value) -> str:
    """JSON that can sit inside <script> verbatim: it cannot close the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in SCRIPT_UNSAFE.items():
        text = text.replace(raw, escaped)
    return text


def json_ld(page: SharePage) -> dict:
    website_id = f"{page.home_url}#website"
    breadcrumb_id = f"{page.url}#breadcrumb"
    main = {
        "@type": "Article" if page.kind == "article" else "WebPage",
        "@id": f"{page.url}#page",
        "url": page.url,
        "name": page.title,
        "headline": page.title,
        "description": page.description,
        "inLanguage": page.language,
        "isPartOf": {"@id": website_id},
        "breadcrumb": {"@id": breadcrumb_id},
    }
    if page.image_url:
        main["image"] = {"@type": "ImageObject", "url": page.image_url, "width": page.image_width, "height": page.image_height}
    if page.kind == "article":
        main["mainEntityOfPage"] = page.url
    return {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "WebSite",
                "@id": website_id,
                "url": page.home_url,
                "name": page.site_name,
                "description": page.site_description,
                "inLanguage": page.site_language,
            },
            main,
            {
                "@type": "BreadcrumbList",
                "@id": breadcrumb_id,
                "itemListElement": [
                    {"@type": "ListItem", "position": position, "name": name, "item": url}
                    for position, (name, url) in enumerate(page.breadcrumb, start=1)
                ],
            },
        ],
    }


def head_html(page: SharePage) -> str:
    """The <meta> tags and the JSON-LD script, one per line."""

    def meta(attr: str, name: str, content) -> str:
        return f'<meta {attr}="{name}" content="{escape(str(content), quote=True)}">'

    tags = [
        meta("property", "og:type", page.kind),
        meta("property", "og:site_name", page.site_name),
        meta("property", "og:title", page.title),
        meta("property", "og:description", page.description),
        meta("property", "og:url", page.url),
        meta("property", "og:locale", page.locale),
        *(meta("property", "og:locale:alternate", locale) for locale in page.alternate_locales),
        *(
            [
                meta("property", "og:image", page.image_url),
                meta("property", "og:image:type", "image/png"),
                meta("property", "og:image:width", page.image_width),
                meta("property", "og:image:height", page.image_height),
                meta("property", "og:image:alt", page.image_alt),
            ]
            if page.image_url
            else []
        ),
        meta("name", "twitter:card", "summary_large_image" if page.image_url else "summary"),
        meta("name", "twitter:title", page.title),
        meta("name", "twitter:description", page.description),
        *(
            [meta("name", "twitter:image", page.image_url), meta("name", "twitter:image:alt", page.image_alt)]
            if page.image_url
            else []
        ),
        f'<script type="application/ld+json">{script_safe_json(json_ld(page))}</script>',
    ]
    return "\n  ".join(tags)
