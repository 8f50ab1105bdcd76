"""MkDocs hook: exact patches to Material's built JavaScript.

Material 9.8 is pinned, and each patch names the exact text it replaces: if
an upgrade changes that text, the build stops with a message instead of
shipping an unpatched site. Each patch says why it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority


@dataclass(frozen=True)
class Patch:
    name: str
    files: str  # glob below site_dir
    old: str
    new: str
    why: str


PATCHES = (
    Patch(
        name="no alternate sitemap probe",
        files="assets/javascripts/bundle.*.min.js",
        old="ui({document$:ct});",
        new="/* patched: no alternate sitemap probe (hooks/material_patches.py) */",
        why=(
            "Material fetches sitemap.xml next to every <link rel=alternate>, "
            "expecting language roots; hreflang alternates are the same page in "
            "each language, so every probe is a 404 and a console error. The "
            "language selector already links to the same page in each language."
        ),
    ),
    Patch(
        name="load the search index when search opens",
        files="assets/javascripts/bundle.*.min.js",
        old='zi=document.forms.namedItem("search")?ks():tt',
        new=(
            'zi=document.forms.namedItem("search")?(()=>{let i=ks();'
            'return L($(new URLSearchParams(location.search).has("h")),Je("search"))'
            '.pipe(Re(o=>o),b(()=>i),Z(1))})():tt'
            "/* patched: search index on demand (hooks/material_patches.py) */"
        ),
        why=(
            "Material downloads the search index (and then lunr's language files) "
            "on every page view, before anyone searches. Here the index is fetched "
            "when the reader opens search, or at once when the page was opened "
            "from a search result (?h=, to highlight the terms) - the same "
            "condition Material itself uses for pages opened from disk."
        ),
    ),
    Patch(
        name="start the search worker when search opens",
        files="assets/javascripts/bundle.*.min.js",
        old="function Mn(e,t=new Worker(e)){",
        new=(
            "function Mn(e,t=((u,w,l=[])=>({"
            "addEventListener(...a){l.push(a);w&&w.addEventListener(...a)},"
            "removeEventListener(...a){l=l.filter(x=>x[1]!==a[1]);w&&w.removeEventListener(...a)},"
            "postMessage(m){w||(w=new Worker(u),l.forEach(a=>w.addEventListener(...a)));w.postMessage(m)}"
            "}))(e)){"
            "/* patched: search worker on demand (hooks/material_patches.py) */"
        ),
        why=(
            "Material starts its search worker (lunr, 40 KB) on every page view. "
            "Its first message is the index, which is now sent only when search "
            "opens, so the worker stands in as a small object that creates the "
            "real Worker on that first postMessage and hands it the listeners."
        ),
    ),
    Patch(
        name="no transition freeze when the palette is first applied",
        files="assets/javascripts/bundle.*.min.js",
        old='let i=new T;return i.subscribe(s=>{if(document.body.setAttribute("data-md-color-switching",""),',
        new=(
            'let i=new T,f=0;return i.subscribe(s=>{if(f++&&document.body.setAttribute("data-md-color-switching",""),'
            "/* patched: no switching flag on load (hooks/material_patches.py) */"
        ),
        why=(
            "When a reader switches palettes, Material sets data-md-color-switching "
            "on <body> to freeze transitions, which restyles every element, and "
            "removes it a frame later, which restyles them all again. It does the "
            "same when the page loads, where nothing can transition yet: two "
            "whole-page style recalculations in the startup task, on every page."
        ),
    ),
    Patch(
        name="stem search terms before prefix matching",
        files="assets/javascripts/workers/search.*.min.js",
        old="n=this.index.search(e)",
        new=(
            "n=this.index.query(q=>{for(let c of le(e)){"
            "let s=this.index.pipeline.runString(c.term,{fields:c.fields}),"
            "t=c.presence===lunr.Query.presence.REQUIRED?s:[...new Set([...s,c.term])];"
            "for(let u of t)q.clause(Object.assign({},c,{term:u,usePipeline:!1}))}})"
            "/* patched: stemmed prefix search (hooks/material_patches.py) */"
        ),
        why=(
            "Material appends '*' to every query term for search-as-you-type, and "
            "lunr skips the stemmer for wildcard terms, so an inflected query "
            "('mutatókat', 'المشترك') never meets its stemmed form in the index. "
            "Here each term is stemmed with the language's own search pipeline "
            "first and then prefix-matched, and the raw term is kept as well."
        ),
    ),
)


def apply(patch: Patch, text: str) -> str:
    if patch.new in text:
        return text  # already patched in an earlier language build
    if text.count(patch.old) != 1:
        raise PluginError(
            f"material_patches: '{patch.name}' expected {patch.old!r} once in "
            f"{patch.files}; Material's JavaScript changed, review this patch."
        )
    return text.replace(patch.old, patch.new)


# Last of all: theme assets are copied again by each language build.
@event_priority(-200)
def on_post_build(config):
    for patch in PATCHES:
        targets = sorted(Path(config.site_dir).glob(patch.files))
        if not targets:
            raise PluginError(f"material_patches: no file matches {patch.files} for '{patch.name}'")
        for target in targets:
            target.write_text(apply(patch, target.read_text(encoding="utf-8")), encoding="utf-8")
