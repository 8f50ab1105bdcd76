"""Build the site with one PDF per article per language (`make pdf`).

1. Build the site into a scratch directory; hooks/print_pdf.py writes which
   PDFs the articles need (their URL and cache file, named by a digest of
   what the PDF shows) to a manifest.
2. Serve that build on 127.0.0.1 and print every article whose PDF is not in
   the cache yet with Chromium (Debian's, through Playwright: scripts/chromium.py),
   using the site's print stylesheet.
3. Build again into the site directory: now that the PDFs are in the cache,
   each article gets its "Download PDF" link and its PDF is copied beside it.

Unchanged articles are not printed again. Chromium was chosen over
WeasyPrint by measurement (README.md, "Print and PDF"). Usage:

    python scripts/pdf.py [--site-dir site]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from static_server import serve_directory  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

# Page numbers at the foot of every PDF page (Chromium fills the spans).
FOOTER = (
    '<div dir="{dir}" style="width:100%;margin:0 15mm;font-size:8px;color:#555;'
    'font-family:sans-serif;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)
PDF_OPTIONS = {
    "format": "A4",
    "print_background": True,
    "display_header_footer": True,
    "header_template": "<span></span>",
    "margin": {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
    "outline": True,
    "tagged": True,
}


def build(site_dir: Path, manifest: Path | None = None) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if manifest:
        env["PDF_MANIFEST"] = str(manifest)
    else:
        env.pop("PDF_MANIFEST", None)
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site_dir)],
        cwd=ROOT, env=env, check=True,
    )


@contextlib.contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        sys.exit(f"make pdf: Chromium not found at {CHROMIUM} (make browser installs Debian's)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def print_pdf(browser, url: str, target: Path) -> None:
    """Print one page to `target` with the site's print stylesheet."""
    page = browser.new_page()
    try:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready")
        direction = page.evaluate("document.documentElement.dir || 'ltr'")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".pdf.part")
        page.pdf(path=str(partial), footer_template=FOOTER.format(dir=direction), **PDF_OPTIONS)
        partial.replace(target)
    finally:
        page.close()


def print_missing(site_dir: Path, entries: list[dict]) -> list[tuple[dict, float]]:
    """Print every entry whose cache file is missing; drop older PDFs of the
    same page. Returns what was printed, with the seconds each took."""
    todo = [e for e in entries if not Path(e["cache"]).is_file()]
    printed = []
    if todo:
        with serve_directory(site_dir) as base, chromium() as browser:
            for entry in todo:
                start = time.perf_counter()
                print_pdf(browser, f"{base}/{entry['url']}", Path(entry["cache"]))
                printed.append((entry, time.perf_counter() - start))
    for entry in entries:
        current = Path(entry["cache"])
        stem = Path(entry["page"]).stem
        for old in current.parent.glob(f"{stem}-*.pdf"):
            if old != current and len(old.stem) == len(stem) + 17:  # '<stem>-<16 hex digits>'
                old.unlink()
    return printed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site-dir", default=str(ROOT / "site"), help="where the final site goes (default: site/)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pdf-build-") as scratch:
        scratch_site = Path(scratch) / "site"
        manifest = Path(scratch) / "manifest.json"
        build(scratch_site, manifest)
        entries = json.loads(manifest.read_text(encoding="utf-8")) if manifest.exists() else []
        printed = print_missing(scratch_site, entries)
    build(Path(args.site_dir))
    missing = [e for e in entries if not (Path(args.site_dir) / e["url"] / f'{Path(e["page"]).stem}-{e["language"]}.pdf').is_file()]
    for entry, seconds in printed:
        size = Path(entry["cache"]).stat().st_size
        print(f"  printed {entry['url']} ({size / 1024:.0f} KB, {seconds:.1f} s)")
    print(
        f"make pdf: {len(entries)} PDFs ({len(printed)} printed, {len(entries) - len(printed)} unchanged) "
        f"in {args.site_dir}, {time.perf_counter() - started:.1f} s"
    )
    if missing:
        print("make pdf: no PDF in the site for " + ", ".join(e["url"] for e in missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
