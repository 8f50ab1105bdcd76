"""Debian's Chromium and the flags every headless run here uses (the browser
tests and the benchmark). Playwright cannot download its own browser on
these machines; scripts/install-browser.sh installs this one."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
