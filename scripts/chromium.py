"""Debian's Chromium and the flags every headless run here uses (the browser
tests and the benchmark). Playwright cannot download its own browser on
these machines; scripts/install-browser.sh installs this one."""

import os

# $CHROMIUM: another Chromium build (the deploy workflow uses the runner's Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
