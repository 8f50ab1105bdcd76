"""MkDocs hook: stop Material's script from probing '<alternate>/sitemap.xml'.

Material's bundle fetches sitemap.xml next to every <link rel="alternate">
in <head>, expecting each to be a language's root (its "stay on page" feature
for a hand-written language selector). Our alternates are the same page in
each language, as hreflang requires, so every probe is a request for a file
that does not exist: a 404 and a console error on every page view. The
language selector here already links to the same page in each language, so
the probe adds nothing; its one call is removed from the built bundle.

The bundle is pinned with mkdocs-material; if an upgrade changes it, the build
stops here with a message instead of silently shipping the probe again.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

PROBE_CALL = "ui({document$:ct});"
REMOVED = "/* alternate sitemap probe removed: hooks/material_sitemap_probe.py */"


def strip_probe(script: str) -> str:
    if REMOVED in script:
        return script
    if script.count(PROBE_CALL) != 1:
        raise PluginError(
            "material_sitemap_probe: Material's bundle no longer contains the "
            f"expected call {PROBE_CALL!r}; check the new bundle and update this hook."
        )
    return script.replace(PROBE_CALL, REMOVED)


@event_priority(-200)
def on_post_build(config):
    bundles = sorted(Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if not bundles:
        raise PluginError("material_sitemap_probe: no Material bundle found in the built site")
    for bundle in bundles:
        bundle.write_text(strip_probe(bundle.read_text(encoding="utf-8")), encoding="utf-8")
