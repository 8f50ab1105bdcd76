"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "de", "fr", "hu", "ar")
PAGES = (
    "index",
    "shared-vs-dedicated",
    "operating-model",
    "in-house-vs-outsourced",
    "glossary",
    "sources",
)
ARTICLES = ("shared-vs-dedicated", "operating-model", "in-house-vs-outsourced")
# The site is built for this address, so that every absolute URL it contains
# (canonical, hreflang) points at the local server the browser tests use.
SITE_URL = "http://127.0.0.1:8765/"


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
