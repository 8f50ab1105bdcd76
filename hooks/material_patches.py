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

WORKER = "assets/javascripts/workers/search.*.min.js"
# The search worker's ranking code, kept readable in its own file.
RANKING_JS = (Path(__file__).with_name("search_ranking.js")).read_text(encoding="utf-8")


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
        name="first search results drawn sooner",
        files="assets/javascripts/bundle.*.min.js",
        old="L($(...l.slice(0,10)),$(...l.slice(10)).pipe(ot(4),Xr(n),b(([f])=>f)))",
        new=(
            "L($(...l.slice(0,3)),new F(_s=>{let _i,_f=requestAnimationFrame(()=>_f=requestAnimationFrame(()=>{"
            "_i=L($(...l.slice(3,10)),L($(...l.slice(10)),new F(_t=>_r.then(_x=>{_x.forEach(_y=>_t.next(_y)),_t.complete()})))"
            ".pipe(ot(4),Xr(n),b(([f])=>f))).subscribe(_s)}));"
            "return()=>{cancelAnimationFrame(_f),_i&&_i.unsubscribe()}}))"
            "/* patched: 3 results first (hooks/material_patches.py) */"
        ),
        why=(
            "Material draws the first 10 results (each page with its best sections) "
            "in the task that receives them, then 4 more each time the reader "
            "scrolls to the end of the list. Drawing and laying out those 10 was "
            "most of the time from keystroke to results on a large library with the "
            "CPU throttled 4x. Now the first 3 are drawn at once (they fill the "
            "visible panel at desk and phone width for every query of the relevance "
            "suite), results 4-10 two frames later, and from there Material's own 4 more at the end of the list "
            "(from the reply's second part when it has one): the same list, the first screen of it sooner."
        ),
    ),
    Patch(
        name="search replies in two parts: the rest kept for the list",
        files="assets/javascripts/bundle.*.min.js",
        old="function Oi(e,{worker$:t,query$:r}){let o=new T,",
        new=(
            "function Oi(e,{worker$:t,query$:r}){let o=new T,_r=(()=>{let c={items:[],wait:[]};return{"
            "start:d=>{c={id:d.id,items:d.more?null:[],wait:[]}},"
            "add:d=>{d.id===c.id&&!c.items&&(c.items=d.items,c.wait.splice(0).forEach(w=>w(d.items)))},"
            "then:w=>{let k=c;if(k.items)return w(k.items),()=>{};k.asked||(k.asked=1,t.next({type:4,data:k.id}));"
            "return k.wait.push(w),()=>{k.wait=k.wait.filter(x=>x!==w)}}}})(),"
            "/* patched: reply rest (hooks/material_patches.py) */"
        ),
        why=(
            "The worker now replies with the first 10 page results and sends the "
            "rest when the page asks (hooks/search_ranking.js says why). The list asks "
            "when it goes past the first 10, two frames after the first screen, so "
            "copying the rest never delays that screen; this keeps the rest for the "
            "reply it belongs to (by id)."
        ),
    ),
    Patch(
        name="search replies in two parts: the second part received",
        files="assets/javascripts/bundle.*.min.js",
        old="t.pipe(g(Sr),m(({data:l})=>l)).pipe(O(l=>o.next(l))",
        new=(
            "t.pipe(O(l=>l.type===5&&_r.add(l.data)),g(Sr),m(({data:l})=>l)).pipe(O(l=>(_r.start(l),o.next(l)))"
            "/* patched: reply rest (hooks/material_patches.py) */"
        ),
        why=(
            "A reply opens a new list (and says whether it has a rest); a message of "
            "type 5 is a reply's rest. Material's other listeners take only replies "
            "(type 3), so they never see it."
        ),
    ),
    Patch(
        name="search replies in two parts: the count from the total",
        files="assets/javascripts/bundle.*.min.js",
        old=(
            'subscribe(([{items:l},{value:f}])=>{switch(l.length){case 0:s.textContent=f.length?Me("search.result.none")'
            ':Me("search.result.placeholder");break;case 1:s.textContent=Me("search.result.one");break;default:let u=br(l.length);'
        ),
        new=(
            'subscribe(([{items:l,total:_n=l.length},{value:f}])=>{switch(_n){case 0:s.textContent=f.length?Me("search.result.none")'
            ':Me("search.result.placeholder");break;case 1:s.textContent=Me("search.result.one");break;default:let u=br(_n);'
            "/* patched: count from the total (hooks/material_patches.py) */"
        ),
        why="The count of matching pages is the reply's total, not the length of its first part.",
    ),
    Patch(
        name="folded search sections drawn when opened",
        files="assets/javascripts/bundle.*.min.js",
        old=(
            'x("details",{class:"md-search-result__more"},x("summary",{tabIndex:-1},x("div",null,'
            'c.length>0&&c.length===1?Me("search.result.more.one"):Me("search.result.more.other",c.length))),'
            "...c.map(l=>oo(l,1)))"
        ),
        new=(
            '(d=>(d.addEventListener("toggle",()=>{d.open&&d.children.length<2&&d.append(...c.map(l=>oo(l,1)))}),d))('
            'x("details",{class:"md-search-result__more"},x("summary",{tabIndex:-1},x("div",null,'
            'c.length>0&&c.length===1?Me("search.result.more.one"):Me("search.result.more.other",c.length)))))'
            "/* patched: folded sections on demand (hooks/material_patches.py) */"
        ),
        why=(
            "Each page result folds its weaker sections into a closed <details> "
            "(\"N more on this page\"), and Material parsed all of their text on every "
            "keystroke, often most of the result's HTML (57 KB of 77 KB for a typo on "
            "a library of 100 articles). They are now drawn when the reader opens it; "
            "Material's keyboard navigation skips closed details anyway."
        ),
    ),
    # The search worker: ranking, matching and highlighting in the reader's
    # language, from hooks/search_ranking.js (its header says what and why).
    Patch(
        name="search ranking helper in the worker",
        files=WORKER,
        old="var U=class{constructor({config:e,docs:r,options:n}){",
        new=RANKING_JS + "var U=class{constructor({config:e,docs:r,options:n}){",
        why="Defines libraryRanking, which the next patches call.",
    ),
    Patch(
        name="search tokens keep digits, accents and Arabic variants folded",
        files=WORKER,
        old='for(let a of s)this.pipeline.remove(o[a]),this.searchPipeline.remove(o[a]);this.ref("location");',
        new=(
            'for(let a of s)this.pipeline.remove(o[a]),this.searchPipeline.remove(o[a]);'
            'libraryRanking.setup(this,e);this.ref("location");'
        ),
        why=(
            "lunr's German, French and Hungarian trimmers drop digits (24/7, 40-60 were "
            "not indexed) and its Arabic trimmer drops Latin letters; readers type words "
            "without accents and Arabic without hamza or with ه for ة. A Unicode trimmer "
            "first and a fold after the stemmer, at indexing and at query time."
        ),
    ),
    Patch(
        name="search terms matched by stem, typed prefix and one edit",
        files=WORKER,
        old="n=this.index.search(e)",
        new="n=(this.x=[],this.index.query(q=>libraryRanking.query(q,le(e),this.index,this.x)))",
        why=(
            "Material appends '*' to every term and lunr then skips the stemmer, so an "
            "inflected query ('helyszíneken', 'والمشترك') never met its stem. Each term "
            "now matches its stem exactly, its typed form as a prefix, its stem as a "
            "prefix only from 4 letters (French 'saas' stems to 'sa'), and from 5 letters "
            "a word one edit away (typos)."
        ),
    ),
    Patch(
        name="search query terms matched through their variants",
        files=WORKER,
        old="let f=he(r,Object.keys(u.metadata));",
        new="let f=libraryRanking.matched(this.x,u.metadata);",
        why=(
            "Material counts a query term as found when an index term starts with it as "
            "typed; a stemmed or folded match (helyszíneken -> helyszín) counted as "
            "missing, so results carried an empty ?h= and lost their boost."
        ),
    ),
    Patch(
        name="search boost for title and heading matches",
        files=WORKER,
        old="let g=+!c.parent+Object.values(f).filter(l=>l).length/Object.keys(f).length;",
        new="let g=libraryRanking.boost(u.metadata,f);",
        why=(
            "Material's boost favours a page's own entry over its sections whatever "
            "matched, so a long page without sections (glossary, decision helper) "
            "outranked the section about the query. The bonus goes to title and "
            "heading matches instead."
        ),
    ),
    Patch(
        name="search results highlighted when they are sent, naming the words that matched",
        files=WORKER,
        old=(
            "c=_({},c),c.tags&&(c.tags=[...c.tags]);let f=libraryRanking.matched(this.x,u.metadata);"
            'for(let l of this.index.fields){if(typeof c[l]=="undefined")continue;let m=[];'
            'for(let d of Object.values(u.metadata))typeof d[l]!="undefined"&&m.push(...d[l].position);'
            'if(!m.length)continue;let x=this.table.get([c.location,l].join(":")),v=Array.isArray(c[l])?q:oe;'
            'c[l]=v(c[l],x,m,l!=="text")}let g=libraryRanking.boost(u.metadata,f);'
            "s.push(B(_({},c),{score:a*(1+K(g,2)),terms:f}))}return s},[])"
        ),
        new=(
            "let f=libraryRanking.matched(this.x,u.metadata);let g=libraryRanking.boost(u.metadata,f);"
            "s.push(libraryRanking.later(B(_({},c),{score:a*(1+K(g,2)),terms:f}),h=>{"
            'for(let l of this.index.fields){if(typeof h[l]=="undefined")continue;let m=[];'
            'for(let d of Object.values(u.metadata))typeof d[l]!="undefined"&&m.push(...d[l].position);'
            'if(!m.length)continue;let x=this.table.get([h.location,l].join(":")),v=Array.isArray(h[l])?q:oe;'
            'h[l]=v(h[l],x,m,l!=="text")}h.terms=libraryRanking.words(f,h)}))}return s},[])'
        ),
        why=(
            "Material highlights every entry it found before sorting them; an entry is "
            "now scored at once and highlighted when its part of the reply is sent "
            "(Material's own highlighting, moved into a function, on the entry's own "
            "copy, so the copy Material made for it goes). Its terms, from which "
            "Material builds each result link's ?h=, are then the matched words as the "
            "page writes them, so the landing page highlights them for inflected, "
            "unaccented or mistyped queries too."
        ),
    ),
    Patch(
        name="search result page link highlights its sections' words",
        files=WORKER,
        old="o.push(B(_({},a),{score:0,terms:{}}))",
        new="o.push(libraryRanking.later(B(_({},a),{score:0,terms:{}}),h=>{h.terms=libraryRanking.union(o)}))",
        why=(
            "A page listed only because its sections matched got no terms, so its "
            "link, the first of the result, carried an empty ?h=."
        ),
    ),
    Patch(
        name="search reply in two parts, without the parent page entries",
        files=WORKER,
        old="return _({items:[...n.values()]}",
        new="return _(libraryRanking.reply([...n.values()])",
        why=(
            "The reply holds the first 10 page results, highlighted, with the total "
            "count and an id; the rest follows in a second message. Every section "
            "result also carried its page's whole entry (parent, with the page's full "
            "text), which the page never renders; the browser copied it into each reply "
            "and decoded it on the main thread, a third of the bytes (up to 300 KB a "
            "query on a library of 100 articles)."
        ),
    ),
    Patch(
        name="search reply's rest sent when the page asks",
        files=WORKER,
        old='addEventListener("message",t=>W(null,null,function*(){postMessage(yield Fe(t.data))}))',
        new=(
            'addEventListener("message",t=>W(null,null,function*(){t.data.type===4'
            '?libraryRanking.sendRest(t.data.data,postMessage):postMessage(yield Fe(t.data))}))'
        ),
        why="The page asks for a reply's rest with a message of type 4, which Material's worker does not know.",
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
