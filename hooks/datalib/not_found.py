"""The root 404 page that presents itself in the language of the requested
path.

Static hosts serve one /404.html for every missing URL. The default
language's 404 page stays as it is (the no-JavaScript fallback) and gets,
after Material's configuration script, a JSON payload with each other
language's rendering of the same page (its visible body, its Material
configuration, <title>, description, lang and dir) and a small script. The
script runs while the page is parsed, before the deferred bundle starts: when
the path starts with a language's home path it swaps that language in, then
it puts the missing path's words into the search link (?q=… opens search).
"""

from __future__ import annotations

import re

from .share_meta import script_safe_json

BODY = re.compile(r"<body\b[^>]*>(?P<inner>.*?)(?=<script id=\"__config\")", re.S)
CONFIG = re.compile(r'<script id="__config" type="application/json">(?P<json>.*?)</script>', re.S)
TITLE = re.compile(r"<title>(?P<title>.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="(?P<content>[^"]*)">')

SWITCH = """<script>(function () {
  var data = JSON.parse(document.getElementById("__not-found").textContent);
  var path = location.pathname, chosen = null;
  try { path = decodeURI(path); } catch (error) { /* malformed: match it as it is */ }
  Object.keys(data).forEach(function (code) {
    var prefix = data[code].prefix;
    if (path.indexOf(prefix) === 0 || path === prefix.slice(0, -1)) chosen = data[code];
  });
  if (chosen) {
    var root = document.documentElement, body = document.body, config = document.getElementById("__config");
    root.lang = chosen.lang; root.dir = chosen.dir; body.dir = chosen.dir;
    document.title = chosen.title;
    var description = document.querySelector('meta[name="description"]');
    if (description) description.content = chosen.description;
    while (body.firstChild && body.firstChild !== config) body.removeChild(body.firstChild);
    var holder = document.createElement("template");
    holder.innerHTML = chosen.body;
    // Inline scripts (the palette's) run again for the new markup.
    holder.content.querySelectorAll("script").forEach(function (old) {
      var script = document.createElement("script");
      script.textContent = old.textContent;
      old.replaceWith(script);
    });
    body.insertBefore(holder.content, config);
    config.textContent = chosen.config;
  }
  var words = path.split("/").filter(Boolean).pop() || "";
  words = words.replace(/\\.html?$/, "").replace(/[-_.+]+/g, " ").trim();
  if (words === "404") words = "";  // the error page itself, opened by its name
  document.querySelectorAll('a[data-not-found="search"]').forEach(function (link) {
    link.href = link.getAttribute("href").split("?")[0] + "?q=" + encodeURIComponent(words);
  });
})();</script>"""


def rendering_parts(html: str, prefix: str, language: str, direction: str) -> dict[str, str]:
    """What the switch needs of one language's rendered 404 page."""
    body, config, title, description = BODY.search(html), CONFIG.search(html), TITLE.search(html), DESCRIPTION.search(html)
    if not (body and config and title):
        raise ValueError(f"the {language} 404 page lacks <body>, Material's __config script or <title>")
    from html import unescape

    return {
        "prefix": prefix,
        "lang": language,
        "dir": direction,
        "title": unescape(title.group("title").strip()),
        "description": unescape(description.group("content")) if description else "",
        "body": body.group("inner"),
        "config": config.group("json"),
    }


def with_language_switch(default_html: str, others: dict[str, tuple[str, str, str]]) -> str:
    """The default language's 404 page with the switch to each other language.
    others: language -> (home path '/de/', direction, rendered 404 page)."""
    payload = {language: rendering_parts(html, prefix, language, direction) for language, (prefix, direction, html) in others.items()}
    insert = f'<script id="__not-found" type="application/json">{script_safe_json(payload)}</script>\n{SWITCH}'
    config = CONFIG.search(default_html)
    if not config:
        raise ValueError("the default 404 page lacks Material's __config script")
    return default_html[: config.end()] + "\n" + insert + default_html[config.end():]
