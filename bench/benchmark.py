#!/usr/bin/env python3
"""Benchmark our site against a vanilla Material build of the same Markdown.

Both sites are built in the same run, from the same snapshot of the working
tree:

- ours: the project as it is (hooks, overrides, extra CSS, no web fonts,
  one search index per language);
- vanilla: docs/ copied as it is, with a generated mkdocs.yml that keeps only
  Material, static-i18n (same languages, same nav) and the stock search
  plugin. The data markers stay HTML comments there.

Figures: build times, first-load weight and requests in Chromium, Lighthouse
scores, and the ratios ours/vanilla against the site's targets. Targets are
reported, never asserted: the script exits 0 unless something crashes.

    .venv/bin/python bench/benchmark.py [--quick] [--no-lighthouse] [--runs N]
                                        [--json PATH] [--reports DIR]

The table goes to stdout, progress to stderr. See bench/README.md.
"""

from __future__ import annotations

import argparse
import copy
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
import gzip
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (shared with the browser tests)

LANGUAGES = ("en", "de", "fr", "hu", "ar")
PAGES = ("index", "shared-vs-dedicated", "operating-model", "in-house-vs-outsourced")
ARTICLES = PAGES[1:]
QUICK_PAGES = (("en", "index"), ("de", "shared-vs-dedicated"))
PORTS = {"ours": 8811, "vanilla": 8812}

# Headless Chromium here often shows its first frame only ~1 s after the
# page has painted (the compositor stops asking for frames); Lighthouse then
# films a blank page and scores Speed Index ~0.9 s worse, at random, on both
# sites. Without the frame-rate limit every paint is presented at once.
LIGHTHOUSE_CHROME_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-frame-rate-limit"]

# Lighthouse 13 needs Node >= 22.19; 12.8.2 is the last release for Node 20.
LIGHTHOUSE_VERSION = "12.8.2"
NODE_DIR = ROOT / "bench" / ".node"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SHORT = {"performance": "perf", "accessibility": "a11y", "best-practices": "bp", "seo": "seo"}
# Audits that never carry a pass/fail score.
UNSCORED = {"informative", "manual", "notApplicable", "error"}

# The site's targets.
LIGHTHOUSE_TARGET = 100
ARTICLE_WEIGHT_TARGET = 0.6
BUILD_TIME_TARGET = 1.2

# What the snapshot of our project leaves out: tools, caches, outputs.
SNAPSHOT_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "site", "bench", "tests", "test-artifacts", "data-en",
    "__pycache__", ".pytest_cache", "node_modules",
)


class BenchmarkError(RuntimeError):
    pass


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the table."""
    print(message, file=sys.stderr, flush=True)


# Configuration -----------------------------------------------------------------

def load_config(path: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV tags resolved). Its site_url is
    not used: every build is given the URL of the port it is served on."""
    from mkdocs.utils import yaml_load

    with path.open(encoding="utf-8") as stream:
        return yaml_load(stream)


def write_config(config: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def plugin_options(config: dict, name: str) -> dict:
    """The options dict of one plugin, whichever form `plugins` takes."""
    plugins = config["plugins"]
    if isinstance(plugins, dict):
        return plugins[name]
    for entry in plugins:
        if isinstance(entry, dict) and name in entry:
            return entry[name]
    raise BenchmarkError(f"mkdocs.yml has no '{name}' plugin with options")


def single_language(config: dict, language: str) -> dict:
    """The same config building one locale only: static-i18n 1.3's
    build_only_locale makes that locale the default and skips the others."""
    config = copy.deepcopy(config)
    plugin_options(config, "i18n")["build_only_locale"] = language
    return config


def vanilla_config(ours: dict, site_url: str) -> dict:
    """Material + static-i18n + stock search over the same Markdown: no hooks,
    no overrides, no extra CSS, default fonts (Google Fonts)."""
    theme = {key: value for key, value in ours["theme"].items() if key not in ("custom_dir", "font")}
    languages = [
        {key: value for key, value in language.items() if key != "nav_translations"}
        for language in plugin_options(ours, "i18n")["languages"]
    ]
    config = {key: ours[key] for key in ("site_name", "site_description", "edit_uri") if key in ours}
    config.update(
        site_url=site_url,
        docs_dir="docs",
        theme=theme,
        markdown_extensions=ours.get("markdown_extensions", []),
        plugins=["search", {"i18n": {"docs_structure": "folder", "languages": languages}}],
        nav=ours["nav"],
    )
    return config


# Sites -------------------------------------------------------------------------

class QuietHandler(SimpleHTTPRequestHandler):
    """Static files as a static host serves them (both sites alike):
    gzip-compressed for clients that accept it, compressed once and then
    served from memory, over keep-alive HTTP/1.1 connections.

    Lighthouse's simulation adds the server time it observes to every
    request, so compressing per request (or a new connection per request)
    would be measured as if it were the site's cost."""

    protocol_version = "HTTP/1.1"
    compress = True
    COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".csv")
    _gzipped: dict[tuple, bytes] = {}  # (path, mtime, size): body

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (self.compress and "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in self.COMPRESSIBLE and path.is_file()):
            return super().do_GET()
        if not self.path.split("?")[0].endswith("/") and (Path(self.translate_path(self.path))).is_dir():
            return super().do_GET()  # let http.server redirect to the slash URL
        stat = path.stat()
        key = (path, stat.st_mtime_ns, stat.st_size)
        body = self._gzipped.get(key)
        if body is None:
            body = self._gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def start_server(preferred_port: int, directory: Path) -> ThreadingHTTPServer:
    """Serve `directory` on 127.0.0.1, on the preferred port if it is free.

    Bound before the site is built, because the site is built for the port
    it is served on."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    try:
        server = ThreadingHTTPServer(("127.0.0.1", preferred_port), handler)
    except OSError:
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # taken: any free port
    server.block_on_close = False  # keep-alive connections must not hold up the exit
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Site:
    name: str
    config: Path  # full build
    preview_config: Path  # one language only
    site_dir: Path
    server: ThreadingHTTPServer

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"


def prepare_sites(work: Path, servers: dict[str, ThreadingHTTPServer], preview_language: str) -> dict[str, Site]:
    urls = {name: f"http://127.0.0.1:{server.server_address[1]}/" for name, server in servers.items()}

    # Ours: a snapshot of the project, so edits made meanwhile do not leak in,
    # and so the preview config can sit beside mkdocs.yml (hooks find data/
    # next to the config file).
    ours_dir = work / "ours"
    shutil.copytree(ROOT, ours_dir, ignore=SNAPSHOT_IGNORE)
    ours = load_config(ours_dir / "mkdocs.yml")
    ours_preview = write_config(
        {**single_language(ours, preview_language), "site_url": urls["ours"]}, ours_dir / "mkdocs.preview.yml"
    )

    vanilla_dir = work / "vanilla"
    shutil.copytree(ours_dir / ours.get("docs_dir", "docs"), vanilla_dir / "docs")
    vanilla = vanilla_config(ours, urls["vanilla"])
    vanilla_full = write_config(vanilla, vanilla_dir / "mkdocs.yml")
    vanilla_preview = write_config(single_language(vanilla, preview_language), vanilla_dir / "mkdocs.preview.yml")

    return {
        "ours": Site("ours", ours_dir / "mkdocs.yml", ours_preview, work / "ours-site", servers["ours"]),
        "vanilla": Site("vanilla", vanilla_full, vanilla_preview, work / "vanilla-site", servers["vanilla"]),
    }


def stop_servers(servers: dict[str, ThreadingHTTPServer]) -> None:
    for server in servers.values():
        server.shutdown()
        server.server_close()


# Builds ------------------------------------------------------------------------

def mkdocs_build(config: Path, site_dir: Path, site_url: str) -> float:
    """Wall time of one `mkdocs build`, Python start-up included."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "--site-dir", str(site_dir)]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchmarkError(f"mkdocs build -f {config.name} failed:\n{result.stdout}\n{result.stderr}")
    return elapsed


def time_builds(sites: dict[str, Site], runs: int, work: Path) -> dict:
    """Full and single-language build times, each site's runs interleaved so
    that drift in machine load hits both alike. The last full build of each
    site is the one that is served."""
    seconds = {"full": {name: [] for name in sites}, "preview": {name: [] for name in sites}}
    for attempt in range(1, runs + 1):
        for name, site in sites.items():
            log(f"build {attempt}/{runs}: {name} full")
            seconds["full"][name].append(mkdocs_build(site.config, site.site_dir, site.url))
            log(f"build {attempt}/{runs}: {name} single language")
            preview_dir = work / f"{name}-preview-site"
            seconds["preview"][name].append(mkdocs_build(site.preview_config, preview_dir, site.url))
    return {
        kind: {name: {"runs": values, "median": statistics.median(values)} for name, values in by_site.items()}
        for kind, by_site in seconds.items()
    }


# First load in Chromium ------------------------------------------------------------

def page_path(language: str, page: str) -> str:
    """Site-relative URL path: '/de/shared-vs-dedicated/'."""
    prefix = "/" if language == "en" else f"/{language}/"
    return prefix if page == "index" else f"{prefix}{page}/"


def body_size(request, response) -> int:
    size = request.sizes()["responseBodySize"]
    if size == 0 and response.status == 200:
        # Chromium reports no size for a worker's own script; http.server
        # does not compress, so the body as received is what was sent.
        size = len(response.body())
    return size


def settle(page, requests: list, quiet_ms: int = 1000, limit_ms: int = 15_000) -> None:
    """Wait until no request has started for `quiet_ms`. Network idle alone
    can come too early on a busy machine: Material's script may still be
    starting its search worker, which then fetches the index."""
    waited, seen = 0, -1
    while len(requests) != seen and waited < limit_ms:
        seen = len(requests)
        page.wait_for_timeout(quiet_ms)
        waited += quiet_ms


# Opens Material's search the way its header button does: the toggle's
# change event. A site may fetch its index only then.
OPEN_SEARCH_JS = """() => {
  const toggle = document.getElementById('__search');
  if (toggle && !toggle.checked) toggle.click();
}"""


def summarise(requests: list) -> dict:
    """Bytes transferred, request count, failures and search index bytes."""
    figures = {"bytes": 0, "requests": 0, "failed": [], "index_bytes": 0}
    for request in requests:
        if not request.url.startswith("http"):
            continue  # data: URLs are not downloads
        figures["requests"] += 1
        response = request.response()
        if response is None:
            figures["failed"].append(f"{request.url} ({request.failure or 'no response'})")
            continue
        if response.status >= 400:
            figures["failed"].append(f"{request.url} ({response.status})")
        body = body_size(request, response)
        figures["bytes"] += request.sizes()["responseHeadersSize"] + body
        if urlsplit(request.url).path.endswith("/search/search_index.json"):
            figures["index_bytes"] += body
    return figures


def measure_page(browser, url: str) -> dict:
    """One cold first load, then opening search.

    Weight and requests are the first load's; the index is counted whether
    it comes with the load or only when search opens; failures and console
    errors cover both. Playwright's request events include those of the
    search worker (lunr language files), which a CDP session on the page
    alone does not see."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # fresh profile: cold cache
    try:
        page = context.new_page()
        requests, console_errors = [], []
        page.on("request", lambda request: requests.append(request))
        page.on("console", lambda message: message.type == "error" and console_errors.append(message.text))
        page.on("pageerror", lambda error: console_errors.append(str(error)))
        page.goto(url, wait_until="networkidle", timeout=90_000)
        settle(page, requests)
        loaded = len(requests)
        page.evaluate(OPEN_SEARCH_JS)
        settle(page, requests)
        first, search = summarise(requests[:loaded]), summarise(requests[loaded:])
        return {
            "bytes": first["bytes"],
            "requests": first["requests"],
            "failed": first["failed"] + search["failed"],
            "console_errors": console_errors,
            "index_bytes": first["index_bytes"] + search["index_bytes"],
            "index_on_load": first["index_bytes"] > 0,
            "search_bytes": search["bytes"],  # what opening search adds
        }
    finally:
        context.close()


def measure_pages(sites: dict[str, Site], pages: list[tuple[str, str]]) -> tuple[list[dict], str]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise BenchmarkError(f"{CHROMIUM} is missing: run `make browser`")
    results = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for language, page in pages:
                row = {"language": language, "page": page, "path": page_path(language, page)}
                for name, site in sites.items():
                    log(f"load {name} {row['path']}")
                    row[name] = measure_page(browser, site.url.rstrip("/") + row["path"])
                results.append(row)
            chromium_version = browser.version
        finally:
            browser.close()
    return results, chromium_version


# Lighthouse --------------------------------------------------------------------

def lighthouse_binary() -> Path:
    """Lighthouse, pinned, installed with npm into bench/.node on first use."""
    binary = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
    package = NODE_DIR / "node_modules" / "lighthouse" / "package.json"
    installed = json.loads(package.read_text())["version"] if package.exists() else None
    if installed != LIGHTHOUSE_VERSION or not binary.exists():
        log(f"npm install lighthouse@{LIGHTHOUSE_VERSION} into {NODE_DIR.relative_to(ROOT)}")
        NODE_DIR.mkdir(parents=True, exist_ok=True)
        # The cache ignores itself, whatever the project's .gitignore says.
        (NODE_DIR / ".gitignore").write_text("*\n")
        subprocess.run(
            ["npm", "install", "--prefix", str(NODE_DIR), f"lighthouse@{LIGHTHOUSE_VERSION}",
             "--no-audit", "--no-fund", "--loglevel=error"],
            check=True, timeout=900,
        )
    return binary


def failing_audits(report: dict) -> dict[str, list[dict]]:
    """Per category, the audits scoring below 1: why a score is under 100.
    Weight 0 audits (diagnostics) do not move the score but hint at causes."""
    failing = {}
    for category in CATEGORIES:
        entries = []
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"].get(ref["id"], {})
            score = audit.get("score")
            if score is None or score >= 1 or audit.get("scoreDisplayMode") in UNSCORED:
                continue
            entries.append({"id": ref["id"], "score": score, "weight": ref.get("weight", 0),
                            "display": audit.get("displayValue", "")})
        failing[category] = entries
    return failing


def run_lighthouse(binary: Path, url: str, report_file: Path | None) -> dict:
    """One Lighthouse run, mobile preset (its default)."""
    command = [
        str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(LIGHTHOUSE_CHROME_FLAGS)}",
    ]
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not result.stdout.strip():
        return {"error": (result.stderr.strip() or f"exit {result.returncode}")[-800:]}
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        return {"error": f"no JSON report: {result.stdout[:200]!r}"}
    if report_file:
        report_file.write_text(result.stdout, encoding="utf-8")
    if report.get("runtimeError"):
        return {"error": report["runtimeError"].get("message", "runtime error")}
    scores = {c: round(report["categories"][c]["score"] * 100) if report["categories"][c]["score"] is not None
              else None for c in CATEGORIES}
    return {"scores": scores, "failing": failing_audits(report)}


def median_run(results: list[dict]) -> dict:
    """The run with the median performance score (Lighthouse's own advice for
    its run-to-run variance); an error only when every run failed."""
    scored = sorted((r for r in results if "scores" in r), key=lambda r: r["scores"]["performance"] or 0)
    return scored[len(scored) // 2] if scored else results[-1]


def lighthouse_pages(sites: dict[str, Site], rows: list[dict], reports: Path | None, runs: int) -> str | None:
    """Adds row[site]['lighthouse'] to each page row (the median of `runs`
    runs); returns the version or None when Lighthouse could not be installed
    (reported, not fatal)."""
    try:
        binary = lighthouse_binary()
    except (OSError, subprocess.SubprocessError) as error:
        log(f"Lighthouse unavailable, skipped: {error}")
        return None
    if reports:
        reports.mkdir(parents=True, exist_ok=True)
    for row in rows:
        for name, site in sites.items():
            results = []
            for run in range(1, runs + 1):
                log(f"lighthouse {name} {row['path']}" + (f" ({run}/{runs})" if runs > 1 else ""))
                suffix = f"-{run}" if runs > 1 else ""
                report_file = reports / f"{name}-{row['language']}-{row['page']}{suffix}.json" if reports else None
                results.append(run_lighthouse(binary, site.url.rstrip("/") + row["path"], report_file))
            row[name]["lighthouse"] = median_run(results)
    return LIGHTHOUSE_VERSION


# Search ------------------------------------------------------------------------
#
# Relevance comes from the query table of the relevance suite
# (tests/search_queries.yaml), ranked by Material's own search worker from
# the built site under Node (tests/search_suite.py), as the browser ranks it.
# Highlighting and latency are measured in Chromium.

SEARCH_TOP3_TARGET = 1.0
SEARCH_MRR_TARGET = 0.9
SEARCH_LATENCY_TARGET_MS = 100
CPU_THROTTLING = 4
SYNTHETIC_ARTICLES = 100  # per language
# Each query's latency is the median of this many tries: the machine is shared,
# and one try of a query is often slowed 2-5x by another process, so the
# slowest query of single tries measured the machine's load, not the search.
LATENCY_REPEATS = 3


def search_suite():
    sys.path.insert(0, str(ROOT / "tests"))
    import search_suite as suite  # noqa: E402  (the relevance suite's own code)
    return suite


def landing_url(base: str, language: str, location: str, terms: str) -> str:
    """The link Material's result template builds: location under the
    language root, with ?h= before the #fragment."""
    from urllib.parse import quote
    root = page_path(language, "index")
    path, _, fragment = location.partition("#")
    return f"{base.rstrip('/')}{root}{path}?h={quote(terms)}" + (f"#{fragment}" if fragment else "")


def measure_highlights(browser, base: str, outcomes: dict, only_typed: bool = False) -> dict[str, float]:
    """Per language, the share of queries whose landing page (the expected
    page's result link, ?h= as built) shows at least one highlight mark
    (with only_typed, of the browser subset only)."""
    rates = {}
    outcomes = {language: [row for row in rows if row.query.browser or not only_typed] for language, rows in outcomes.items()}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        for language, rows in outcomes.items():
            marked = 0
            for row in rows:
                if not row.highlight or row.rank is None:
                    continue
                # The result's first link, the page's, carries the ?h= measured.
                location = row.top[row.rank - 1].split("#", 1)[0]
                page.goto(landing_url(base, language, location, row.highlight))
                try:
                    page.wait_for_selector("article mark[data-md-highlight]", timeout=5000)
                    marked += 1
                except Exception:  # noqa: BLE001  (no mark: counted as a miss)
                    log(f"no highlight on {language} {row.query.q!r} -> {location}")
            rates[language] = marked / len(rows) if rows else 0.0
    finally:
        context.close()
    return rates


# In the page: the time from the keyup of the last keystroke to the frame
# after Material has rendered the result list for it.
LATENCY_PROBE_JS = """() => {
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  window.__latency = { start: 0, end: 0 };
  input.addEventListener('keyup', () => { window.__latency = { start: performance.now(), end: 0 }; }, true);
  new MutationObserver(() => {
    const probe = window.__latency;
    if (!probe.start || !list.children.length) return;
    requestAnimationFrame(() => setTimeout(() => { if (!probe.end) probe.end = performance.now(); }, 0));
  }).observe(list, { childList: true });
}"""


def measure_latency(browser, base: str, queries: dict[str, list[str]], throttling: int,
                    repeats: int = LATENCY_REPEATS) -> list[tuple[str, float]]:
    """Per query ("language: query", ms): with all but its last letter typed
    and answered, the last letter and the key-up that makes Material search;
    milliseconds until the results for the whole query are rendered (the
    median of `repeats` tries, each from the prefix again)."""
    timings = []
    for language, texts in queries.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        try:
            page.goto(base.rstrip("/") + page_path(language, "index"))
            if throttling > 1:
                page.context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": throttling})
            page.keyboard.press("/")
            page.fill(".md-search__input", texts[0])
            page.press(".md-search__input", "End")
            page.wait_for_selector(".md-search-result__item", timeout=60_000)  # index loaded, worker ready
            page.evaluate(LATENCY_PROBE_JS)
            for text in texts:
                tries = []
                for _ in range(repeats):
                    page.fill(".md-search__input", text[:-1])
                    page.press(".md-search__input", "End")
                    page.wait_for_timeout(600)  # the prefix answered and drawn
                    page.evaluate("() => { window.__latency = { start: 0, end: 0 }; }")
                    page.keyboard.insert_text(text[-1])
                    page.press(".md-search__input", "End")
                    page.wait_for_function("() => window.__latency.end > 0", timeout=30_000)
                    tries.append(page.evaluate("() => window.__latency.end - window.__latency.start"))
                timings.append((f"{language}: {text}", statistics.median(tries)))
        finally:
            context.close()
    return timings


def index_sizes(site_dir: Path) -> dict[str, dict[str, int]]:
    """Each language's search_index.json: bytes on disk and gzip-compressed
    as the benchmark's static host serves it (what a reader downloads)."""
    sizes = {}
    for language in LANGUAGES:
        path = site_dir / ("" if language == "en" else language) / "search" / "search_index.json"
        body = path.read_bytes()
        sizes[language] = {"raw": len(body), "gzip": len(gzip.compress(body, compresslevel=6))}
    return sizes


SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "quel", "dor", "ni", "pra", "sul", "fen", "ta", "ris", "mon", "bel")


def pseudo_word(seed: int) -> str:
    import random
    rng = random.Random(seed)
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def synthetic_text(text: str, seed: int) -> str:
    """The same prose with every 7th word of its paragraphs replaced by a
    made-up word of this copy, so every copy's text and vocabulary differ."""
    import random
    import re as regex
    rng = random.Random(seed)
    lines = []
    for line in text.split("\n"):
        if not line or line.startswith(("#", "<", "|", "!!!", "???", "    ", "{")):
            lines.append(line)
            continue
        words = line.split(" ")
        for i in range(rng.randrange(7), len(words), 7):
            if regex.fullmatch(r"[^\W\d_]{3,}", words[i]):
                words[i] = pseudo_word(seed * 1000 + i)
        lines.append(" ".join(words))
    return "\n".join(lines)


def make_synthetic_library(snapshot: Path, target: Path, articles: int = SYNTHETIC_ARTICLES) -> Path:
    """A copy of the project with `articles` more articles per language:
    copies of the three articles, each with its own title and text."""
    import re as regex
    shutil.copytree(snapshot, target, ignore=shutil.ignore_patterns("mkdocs.preview.yml"))
    for language in LANGUAGES:
        folder = target / "docs" / language
        for number in range(1, articles + 1):
            base = ARTICLES[number % len(ARTICLES)]
            source = (folder / f"{base}.md").read_text(encoding="utf-8")
            _, front, body = source.split("---", 2)
            meta = yaml.safe_load(front)
            title = f"{meta['title']} {pseudo_word(number)} {number:03d}"
            meta = {"title": title, "description": meta["description"], "sources": meta["sources"]}
            body = regex.sub(r"^# .*$", lambda _: f"# {title}", body, count=1, flags=regex.M)
            text = synthetic_text(body, number * 31 + LANGUAGES.index(language))
            (folder / f"library-{number:03d}.md").write_text(
                "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---" + text, encoding="utf-8")
    return target / "mkdocs.yml"


def latency_summary(timings: list[tuple[str, float]]) -> dict:
    """Median, p90 and max of the per-query timings, and which query was the
    slowest (one query slow run after run is the search; a different one
    each run is the machine)."""
    if not timings:
        return {"count": 0}
    ordered = sorted(ms for _, ms in timings)
    slowest = max(timings, key=lambda timing: timing[1])[0]
    return {"count": len(ordered), "median": statistics.median(ordered),
            "p90": ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))], "max": ordered[-1],
            "slowest": slowest}


def measure_search(ours: Site, work: Path, quick: bool) -> dict:
    """The search section: relevance per language, landing-page highlights,
    latency with the CPU throttled, index bytes; for today's site and (not
    with --quick) a synthetic library of SYNTHETIC_ARTICLES more articles per
    language, built into the temp folder and served on a port of its own."""
    from playwright.sync_api import sync_playwright

    suite = search_suite()
    table = suite.load_queries()
    log("search: relevance (Material's worker under Node)")
    outcomes = suite.evaluate(ours.site_dir, table)
    figures = suite.summary(outcomes)
    typed = {language: [q.q for q in queries if q.browser][: 2 if quick else None] for language, queries in table.items()}
    sites = {"today": ours.site_dir}
    servers = []
    if not quick:
        log(f"search: building a synthetic library ({SYNTHETIC_ARTICLES} more articles per language)")
        server = start_server(0, work / "synthetic-site")
        servers.append(server)
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        config = make_synthetic_library(work / "ours", work / "synthetic")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=url)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--no-strict", "-f", str(config),
                                 "--site-dir", str(work / "synthetic-site")], cwd=config.parent, env=env,
                                capture_output=True, text=True, timeout=1800)
        if result.returncode != 0:
            raise BenchmarkError(f"synthetic library build failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}")
        log(f"search: synthetic library built in {time.perf_counter() - start:.0f} s")
        sites["synthetic"] = work / "synthetic-site"
    report = {"languages": figures, "queries": sum(len(q) for q in table.values()), "sites": {}}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                log("search: landing-page highlights")
                highlights = measure_highlights(browser, ours.url, outcomes, only_typed=quick)
                for language, rate in highlights.items():
                    figures[language]["landing_highlight"] = rate
                for name, site_dir in sites.items():
                    base = ours.url if name == "today" else f"http://127.0.0.1:{servers[0].server_address[1]}/"
                    pages = sum(1 for _ in (site_dir / "de").glob("*/index.html"))
                    entry = {"pages_per_language": pages, "index": index_sizes(site_dir)}
                    for rate in (CPU_THROTTLING, 1):
                        log(f"search: latency on {name}, CPU {rate}x")
                        entry[f"latency_{rate}x"] = latency_summary(
                            measure_latency(browser, base, typed, rate, repeats=1 if quick else LATENCY_REPEATS))
                    report["sites"][name] = entry
            finally:
                browser.close()
    finally:
        stop_servers({str(i): server for i, server in enumerate(servers)})
    return report


def search_targets(search: dict) -> list[dict]:
    languages = search["languages"]
    worst_top3 = min(f["top3"] for f in languages.values())
    worst_mrr = min(f["mrr"] for f in languages.values())
    others = sum(f["other_language"] for f in languages.values())
    highlight = [f.get("landing_highlight") for f in languages.values()]
    targets = [
        {"target": "search: top-3 hit rate 100 % in every language", "value": f"lowest {worst_top3:.1%}",
         "met": worst_top3 >= SEARCH_TOP3_TARGET},
        {"target": f"search: mean reciprocal rank >= {SEARCH_MRR_TARGET} in every language", "value": f"lowest {worst_mrr:.3f}",
         "met": worst_mrr >= SEARCH_MRR_TARGET},
        {"target": "search: no result from another language", "value": str(others), "met": others == 0},
        {"target": "search: the landing page highlights the query for every query",
         "value": f"lowest {min(highlight):.1%}" if None not in highlight else "not measured",
         "met": min(highlight) >= 1.0 if None not in highlight else None},
    ]
    for name, site in search["sites"].items():
        latency = site.get(f"latency_{CPU_THROTTLING}x", {})
        targets.append({
            "target": f"search: last keystroke to results <= {SEARCH_LATENCY_TARGET_MS} ms, CPU {CPU_THROTTLING}x ({name}, slowest query)",
            "value": f"{latency['max']:.0f} ms" if latency.get("count") else "not measured",
            "met": latency["max"] <= SEARCH_LATENCY_TARGET_MS if latency.get("count") else None,
        })
    return targets


def search_section(search: dict) -> str:
    rows = [[language, f["queries"], f"{f['top3']:.1%}", f"{f['mrr']:.3f}", f["other_language"],
             f"{f['highlight']:.1%}", f"{f['landing_highlight']:.1%}" if "landing_highlight" in f else "n/a"]
            for language, f in search["languages"].items()]
    parts = [
        f"## Search (lunr in Material's worker with this site's patches; {search['queries']} queries of tests/search_queries.yaml)",
        "",
        table(["language", "queries", "top-3 hit rate", "MRR", "results from another language",
               "?h= non-empty", "landing page highlights"], rows),
        "",
        "Ranking: Material's search worker from the built site under Node, as the browser runs it. "
        "Landing page highlights: the expected result's link (with its ?h=) opened in Chromium, counted when a mark shows.",
    ]
    lines = []
    for name, site in search["sites"].items():
        index = site["index"]
        raw = " / ".join(kb(index[lang]["raw"]) for lang in LANGUAGES)
        packed = " / ".join(kb(index[lang]["gzip"]) for lang in LANGUAGES)
        for rate in (CPU_THROTTLING, 1):
            latency = site.get(f"latency_{rate}x", {})
            if not latency.get("count"):
                continue
            lines.append([name, site["pages_per_language"], f"{rate}x", latency["count"], f"{latency['median']:.0f}",
                          f"{latency['p90']:.0f}", f"{latency['max']:.0f}", latency.get("slowest", ""),
                          raw if rate == CPU_THROTTLING else "",
                          packed if rate == CPU_THROTTLING else ""])
    if lines:
        parts += ["", "### Search latency and index size", "",
                  table(["site", "pages per language", "CPU", "queries", "median ms", "p90 ms", "max ms", "slowest query",
                         "index KB raw (en/de/fr/hu/ar)", "index KB gzip (downloaded)"], lines),
                  "",
                  "Latency: with all but the last letter typed and answered, from the key-up of the last keystroke "
                  "to the frame after Material has rendered the results (CDP Emulation.setCPUThrottlingRate on the page); "
                  f"each query the median of {LATENCY_REPEATS} tries (1 with --quick)."]
    return "\n".join(parts)


# Ratios and targets ------------------------------------------------------------------

def ratio(ours: float, vanilla: float) -> float | None:
    return ours / vanilla if vanilla else None


def compute_ratios(builds: dict, rows: list[dict]) -> dict:
    def page_ratios(key: str, pages: tuple[str, ...]) -> list[float]:
        return [r for row in rows if row["page"] in pages
                if (r := ratio(row["ours"][key], row["vanilla"][key])) is not None]

    return {
        "full_build": ratio(builds["full"]["ours"]["median"], builds["full"]["vanilla"]["median"]),
        "preview_build": ratio(builds["preview"]["ours"]["median"], builds["preview"]["vanilla"]["median"]),
        "home_weight": page_ratios("bytes", ("index",)),
        "article_weight": page_ratios("bytes", ARTICLES),
        "index_bytes": page_ratios("index_bytes", PAGES),
    }


def evaluate_targets(ratios: dict, rows: list[dict], lighthouse_ran: bool) -> list[dict]:
    targets = []

    scored = [row["ours"]["lighthouse"] for row in rows] if lighthouse_ran else []
    perfect = [r for r in scored if "scores" in r and all(s == LIGHTHOUSE_TARGET for s in r["scores"].values())]
    targets.append({
        "target": "Lighthouse 100 in all four categories on every page (ours)",
        "value": f"{len(perfect)}/{len(scored)} pages" if scored else "not measured",
        "met": (len(perfect) == len(scored)) if scored else None,
    })

    weights = ratios["article_weight"]
    targets.append({
        "target": f"article page weight <= {ARTICLE_WEIGHT_TARGET}x vanilla",
        "value": f"max {max(weights):.2f}x" if weights else "not measured",
        "met": max(weights) <= ARTICLE_WEIGHT_TARGET if weights else None,
    })

    build = ratios["full_build"]
    targets.append({
        "target": f"full build <= {BUILD_TIME_TARGET}x vanilla",
        "value": f"{build:.2f}x" if build is not None else "not measured",
        "met": build <= BUILD_TIME_TARGET if build is not None else None,
    })
    return targets


# Report ------------------------------------------------------------------------

def table(headers: list[str], rows: list[list]) -> str:
    """A Markdown table, padded so it also reads as plain text."""
    cells = [[str(cell) for cell in row] for row in [headers, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]

    def line(row):
        return "| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def times(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}x"


def spread(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"median {statistics.median(values):.2f}x (min {min(values):.2f}x, max {max(values):.2f}x, {len(values)} pages)"


def build_section(builds: dict, runs: int, preview_language: str) -> str:
    rows = []
    for kind, label in (("full", "full build (5 languages)"), ("preview", f"single language ({preview_language})")):
        ours, vanilla = builds[kind]["ours"]["median"], builds[kind]["vanilla"]["median"]
        rows.append([label, f"{ours:.2f}", f"{vanilla:.2f}", times(ratio(ours, vanilla))])
    return (f"## Build time (seconds, median of {runs} run{'s' if runs > 1 else ''})\n\n"
            + table(["build", "ours", "vanilla", "ours/vanilla"], rows))


def load_section(rows: list[dict]) -> str:
    def pair(row, key):
        value = lambda figures: len(figures[key]) if isinstance(figures[key], list) else figures[key]
        return f"{value(row['ours'])} / {value(row['vanilla'])}"

    lines = [[
        row["path"], kb(row["ours"]["bytes"]), kb(row["vanilla"]["bytes"]),
        times(ratio(row["ours"]["bytes"], row["vanilla"]["bytes"])),
        pair(row, "requests"), pair(row, "failed"), pair(row, "console_errors"),
        f"{kb(row['ours']['index_bytes'])} / {kb(row['vanilla']['index_bytes'])}",
        times(ratio(row["ours"]["index_bytes"], row["vanilla"]["index_bytes"])),
        " / ".join("yes" if row[name]["index_on_load"] else "no" for name in ("ours", "vanilla")),
        f"{kb(row['ours']['search_bytes'])} / {kb(row['vanilla']['search_bytes'])}",
    ] for row in rows]
    headers = ["page", "KB ours", "KB vanilla", "weight ours/vanilla", "requests", "failed",
               "console errors", "index KB", "index ours/vanilla", "index on load", "open search +KB"]
    return ("## First load (cold cache, Chromium; pairs are ours / vanilla)\n\n" + table(headers, lines)
            + "\n\nKB: bytes transferred on first load (headers + bodies; gzip-compressed like a static host unless --no-compress). "
              "index KB: the search_index.json body the reader downloads, on load or when opening search. "
              "open search +KB: what opening search then adds. failed, console errors: load and opening search.")


def lighthouse_section(rows: list[dict], runs: int) -> str:
    def scores(result):
        if "scores" not in result:
            return ["error"] * len(CATEGORIES)
        return [result["scores"][c] for c in CATEGORIES]

    headers = ["page"] + [f"ours {SHORT[c]}" for c in CATEGORIES] + [f"vanilla {SHORT[c]}" for c in CATEGORIES]
    lines = [[row["path"], *scores(row["ours"]["lighthouse"]), *scores(row["vanilla"]["lighthouse"])] for row in rows]
    heading = "## Lighthouse (mobile preset" + (f", median of {runs} runs" if runs > 1 else "") + ")"
    return heading + "\n\n" + table(headers, lines) + "\n\n" + audits_section(rows)


def where(paths: list[str], all_paths: list[str]) -> str:
    """'all 20 pages', 'all but /ar/', or the pages themselves."""
    if len(paths) == len(all_paths):
        return f"all {len(all_paths)} pages"
    missing = [path for path in all_paths if path not in paths]
    if len(missing) < len(paths):
        return f"{len(paths)}/{len(all_paths)} pages, all but {', '.join(missing)}"
    return ", ".join(paths)


def group_failing(rows: list[dict], name: str) -> dict[tuple[str, str], list[dict]]:
    """(category, audit id) -> one entry per page it fails on."""
    grouped: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        result = row[name]["lighthouse"]
        if "error" in result:
            grouped.setdefault(("error", result["error"][:120]), []).append({"path": row["path"], "weight": 1})
            continue
        for category, audits in result["failing"].items():
            for audit in audits:
                grouped.setdefault((category, audit["id"]), []).append({**audit, "path": row["path"]})
    return grouped


def audits_section(rows: list[dict]) -> str:
    """Failing audits grouped by audit, with the pages they fail on. Weight 0
    audits (diagnostics) cannot move a score, so they get one line."""
    all_paths = [row["path"] for row in rows]
    parts = ["## Lighthouse audits below 1 (why a score is under 100)"]
    for name in ("ours", "vanilla"):
        grouped = group_failing(rows, name)
        ordered = sorted(grouped.items(), key=lambda item: (item[0][0], -len(item[1]), item[0][1]))
        parts.append(f"\n{name}:")
        scoring = [(key, entries) for key, entries in ordered if entries[0].get("weight")]
        for (category, audit_id), entries in scoring:
            example = next((e for e in entries if e.get("display")), None)
            shown = f" (e.g. {example['display']} on {example['path']})" if example else ""
            parts.append(f"- {category} / {audit_id}{shown}: {where([e['path'] for e in entries], all_paths)}")
        if not scoring:
            parts.append("- none that moves a score")
        diagnostics = [f"{audit_id} ({len(entries)})" for (_, audit_id), entries in ordered if not entries[0].get("weight")]
        if diagnostics:
            parts.append("- diagnostics, weight 0 (pages): " + ", ".join(diagnostics))
    return "\n".join(parts)


def ratio_section(ratios: dict, preview_language: str) -> str:
    return "\n".join([
        "## Ratios (ours/vanilla)",
        "",
        f"- full build time: {times(ratios['full_build'])}",
        f"- single-language build time ({preview_language}): {times(ratios['preview_build'])}",
        f"- page weight, home pages: {spread(ratios['home_weight'])}",
        f"- page weight, article pages: {spread(ratios['article_weight'])}",
        f"- search index bytes: {spread(ratios['index_bytes'])}",
    ])


def target_section(targets: list[dict]) -> str:
    verdict = {True: "yes", False: "NO", None: "not measured"}
    return "## Targets\n\n" + table(
        ["target", "value", "met"], [[t["target"], t["value"], verdict[t["met"]]] for t in targets]
    )


# Main ------------------------------------------------------------------------

def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark our site against vanilla Material.")
    parser.add_argument("--quick", action="store_true",
                        help="1 build run each, two pages (en home, de shared-vs-dedicated), no Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse runs")
    parser.add_argument("--runs", type=int, help="build runs per site and kind (default 5, 1 with --quick)")
    parser.add_argument("--lighthouse-runs", type=int, default=1, metavar="N",
                        help="Lighthouse runs per page and site; the median run is reported (default 1)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write every figure as JSON")
    parser.add_argument("--reports", type=Path, metavar="DIR", help="keep the full Lighthouse JSON reports here")
    parser.add_argument("--no-compress", action="store_true",
                        help="serve both sites without gzip (by default they are served gzip-compressed, like a real host)")
    parser.add_argument("--no-search", action="store_true", help="skip the search section")
    parser.add_argument("--search-only", action="store_true",
                        help="only the search section (one build of ours, no vanilla, no page loads, no Lighthouse)")
    parser.add_argument("--preview-language", default="en", choices=LANGUAGES,
                        help="the locale of the single-language build (default en)")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else 5)
    if args.runs < 1 or args.lighthouse_runs < 1:
        parser.error("--runs and --lighthouse-runs must be at least 1")
    return args


def selected_pages(quick: bool) -> list[tuple[str, str]]:
    if quick:
        return list(QUICK_PAGES)
    return [(language, page) for page in PAGES for language in LANGUAGES]


def run(args: argparse.Namespace, work: Path) -> dict:
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")  # when the snapshot is taken
    QuietHandler.compress = not args.no_compress
    servers = {name: start_server(port, work / f"{name}-site") for name, port in PORTS.items()}
    try:
        sites = prepare_sites(work, servers, args.preview_language)
        if args.search_only:
            log(f"build ours at {sites['ours'].url} (search only)")
            mkdocs_build(sites["ours"].config, sites["ours"].site_dir, sites["ours"].url)
            search = measure_search(sites["ours"], work, args.quick)
            return {"meta": {"date": started, "quick": args.quick, "search_only": True,
                             "versions": {"mkdocs-material": version("mkdocs-material")}},
                    "search": search, "targets": search_targets(search)}
        log(f"ours at {sites['ours'].url}, vanilla at {sites['vanilla'].url}")
        builds = time_builds(sites, args.runs, work)
        rows, chromium_version = measure_pages(sites, selected_pages(args.quick))
        lighthouse_version = None
        if not (args.quick or args.no_lighthouse):
            lighthouse_version = lighthouse_pages(sites, rows, args.reports, args.lighthouse_runs)
        search = None if args.no_search else measure_search(sites["ours"], work, args.quick)
    finally:
        stop_servers(servers)
    ratios = compute_ratios(builds, rows)
    targets = evaluate_targets(ratios, rows, lighthouse_version is not None) + (search_targets(search) if search else [])
    return {
        "meta": {
            "date": started,
            "runs": args.runs,
            "lighthouse_runs": args.lighthouse_runs,
            "quick": args.quick,
            "preview_language": args.preview_language,
            "compressed": not args.no_compress,
            "versions": {
                "mkdocs": version("mkdocs"),
                "mkdocs-material": version("mkdocs-material"),
                "mkdocs-static-i18n": version("mkdocs-static-i18n"),
                "chromium": chromium_version,
                "lighthouse": lighthouse_version,
            },
        },
        "builds": builds,
        "pages": rows,
        "ratios": ratios,
        "search": search,
        "targets": targets,
    }


def render(results: dict) -> str:
    meta = results["meta"]
    if meta.get("search_only"):
        return "\n\n".join([
            "# Benchmark: search only",
            f"{meta['date']}; mkdocs-material {meta['versions']['mkdocs-material']}",
            search_section(results["search"]),
            target_section(results["targets"]),
        ])
    versions = ", ".join(f"{name} {value}" for name, value in meta["versions"].items() if value)
    sections = [
        "# Benchmark: our site vs. vanilla Material (same Markdown)",
        f"{meta['date']}; {versions}",
        build_section(results["builds"], meta["runs"], meta["preview_language"]),
        load_section(results["pages"]),
    ]
    if meta["versions"]["lighthouse"]:
        sections.append(lighthouse_section(results["pages"], meta.get("lighthouse_runs", 1)))
    if results.get("search"):
        sections.append(search_section(results["search"]))
    sections += [ratio_section(results["ratios"], meta["preview_language"]), target_section(results["targets"])]
    return "\n\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="support-bench-"))
    try:
        results = run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(render(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
        log(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
