"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "de", "fr", "hu", "ar")
PAGES = (
    "index",
    "shared-vs-dedicated",
    "operating-model",
    "in-house-vs-outsourced",
    "decision-helper",
    "glossary",
    "sources",
    "translation-status",
    "translation-changes",
)
ARTICLES = ("shared-vs-dedicated", "operating-model", "in-house-vs-outsourced")
# What readers must see as each language's site name (mkdocs.yml).
SITE_NAMES = {
    "en": "Customer Support Models Library",
    "de": "Bibliothek der Kundensupport-Modelle",
    "fr": "Bibliothèque des modèles de support client",
    "hu": "Ügyfélszolgálati modellek tudástára",
    "ar": "مكتبة نماذج دعم العملاء",
}


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The site is built for this address, so that every absolute URL it contains
# (canonical, hreflang) points at the local server the browser tests use.
SITE_URL = f"http://127.0.0.1:{_free_port()}/"


def mkdocs_env(site_url: str = SITE_URL) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url)
    return env


def run_mkdocs_build(project: Path, site_dir: Path, site_url: str = SITE_URL) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project,
        env=mkdocs_env(site_url),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The whole site, built with --strict from the working tree."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return site_dir


def page_path(site_dir: Path, language: str, page: str) -> Path:
    prefix = site_dir if language == "en" else site_dir / language
    return prefix / "index.html" if page == "index" else prefix / page / "index.html"


def page_url(language: str, page: str) -> str:
    """Site-relative URL path of a page: '/de/glossary/'."""
    prefix = "/" if language == "en" else f"/{language}/"
    return prefix if page == "index" else f"{prefix}{page}/"


@pytest.fixture(scope="session")
def soup_of(site):
    from bs4 import BeautifulSoup

    cache: dict[Path, BeautifulSoup] = {}

    def load(language: str, page: str) -> BeautifulSoup:
        path = page_path(site, language, page)
        if path not in cache:
            cache[path] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        return cache[path]

    return load


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project for tests that break things on purpose."""
    copy = tmp_path / "project"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(".venv", "site", ".git", "__pycache__", ".pytest_cache", "test-artifacts", "data-en"),
    )
    # Scripts find ../shared/sources relative to the project.
    shared = ROOT.parent / "shared"
    if shared.exists() and not (tmp_path / "shared").exists():
        (tmp_path / "shared").symlink_to(shared)
    return copy


def git(project: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", *args],
        cwd=project, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


EDITED_PARAGRAPH = "Translators: this paragraph was reworded in one commit, and only this paragraph."


def commit_english_edit(project: Path) -> tuple[str, str]:
    """Make `project` a git repository, then reword the first paragraph of
    docs/en/glossary.md in a second commit, as an English editor would.
    Returns the paragraph's old and new text."""
    from datalib.changes import blocks

    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "the library")
    english = project / "docs/en/glossary.md"
    text = english.read_text(encoding="utf-8")
    old = next(b for b in blocks(text) if b.kind == "paragraph")
    raw = "\n".join(text.split("\n")[old.line - 1 :]).split("\n\n")[0]
    english.write_text(text.replace(raw, EDITED_PARAGRAPH, 1), encoding="utf-8")
    git(project, "commit", "-q", "-am", "Reword one English paragraph")
    return old.text, EDITED_PARAGRAPH


# Browser ---------------------------------------------------------------------

ARTIFACTS = ROOT / "test-artifacts"

from static_server import serve_directory  # noqa: E402  (re-exported for the tests)


@pytest.fixture(scope="session")
def served_site(site):
    """The built site on 127.0.0.1, at the address it was built for."""
    from urllib.parse import urlsplit

    with serve_directory(site, urlsplit(SITE_URL).port) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: run `make test` (it installs Debian's chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


SEARCH_WORKER_JS = """async ([root, queries]) => {
  // Material's own search worker, driven with its own message protocol:
  // 0 = set up (index + options), 2 = query; a reply with `more` has a rest,
  // asked for with 4 and its id, sent as 5 (hooks/search_ranking.js).
  const index = await (await fetch(root + 'search/search_index.json')).json();
  const script = document.querySelector('#__config') && JSON.parse(document.querySelector('#__config').textContent).search;
  const worker = new Worker(new URL(script, location.href));
  const ask = (message) => new Promise(resolve => {
    worker.onmessage = e => {
      const answer = e.data;
      if (answer.type === 3 && answer.data.more) {
        worker.onmessage = rest => resolve({...answer, data: {...answer.data, items: [...answer.data.items, ...rest.data.data.items]}});
        worker.postMessage({type: 4, data: answer.data.id});
      } else resolve(answer);
    };
    worker.postMessage(message);
  });
  await ask({type: 0, data: {...index, options: {suggest: true}}});
  const results = [];
  for (const query of queries) {
    const answer = await ask({type: 2, data: query});
    results.push(answer.data.items.map(group => new URL(group[0].location, new URL(root, location.href)).pathname));
  }
  worker.terminate();
  return results;
}"""


def run_search(page, base_url: str, language: str, queries: list[str]) -> list[list[str]]:
    """Run queries through Material's search worker on a page of `language`;
    returns, per query, the result pages' URL paths in rank order."""
    root = page_url(language, "index")
    page.goto(base_url + root)
    return page.evaluate(SEARCH_WORKER_JS, [root, queries])
