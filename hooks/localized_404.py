"""MkDocs hook: one 404 page per language, and an English one at the root.

static-i18n renders 404.html in every language build to the same root file,
so the last language built (Arabic) wins. Here each language's rendering is
kept and written to <lang>/404.html, and after all languages are built the
root file gets the default language's version back.

Static hosts (GitHub Pages, and `mkdocs serve`) answer every missing URL with
the root /404.html. So the root file also carries the other languages'
renderings (datalib/not_found.py): a small script picks the one whose home
path starts the requested path (/de/…, /ar/…) and swaps it in before
Material's deferred bundle starts; without JavaScript the page stays English.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from datalib.not_found import with_language_switch
from site_languages import current_language, default_language, direction, home_path, language_root, languages, reset_language_selector

_rendered: dict[str, str] = {}


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        reset_language_selector(config)
        # Absolute: a 404 page is served at whatever URL was not found.
        context["home_url"] = home_path(config)
    return context


def on_post_template(output_content, template_name, config):
    if template_name == "404.html":
        _rendered[current_language(config)] = output_content
    return output_content


# Runs after static-i18n's own on_post_build (priority -100), which is where
# the other languages are built: so the root file is fixed after all of them.
@event_priority(-200)
def on_post_build(config):
    language = current_language(config)
    if language in _rendered and language != default_language(config):
        (language_root(config, language) / "404.html").write_text(_rendered[language], encoding="utf-8")
    default = default_language(config)
    if default in _rendered:
        others = {
            language: (home_path(config, language), direction(config, language), _rendered[language])
            for language in languages(config)
            if language != default and language in _rendered
        }
        root = with_language_switch(_rendered[default], others)
        (Path(config.site_dir) / "404.html").write_text(root, encoding="utf-8")
