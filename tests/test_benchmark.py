"""Smoke test: bench/benchmark.py runs end to end in its quick mode.

Only that it runs and prints its report; timings and ratios are the
benchmark's business, never asserted here.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.browser
def test_quick_benchmark_prints_its_report(tmp_path):
    figures = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "benchmark.py"), "--quick", "--json", str(figures)],
        cwd=ROOT,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, f"benchmark failed:\n{result.stdout}\n{result.stderr}"

    for heading in ("## Build time", "## First load", "## Ratios (ours/vanilla)", "## Targets"):
        assert heading in result.stdout, f"missing {heading!r} in:\n{result.stdout}"
    assert re.search(r"^- full build time: \d+\.\d\dx$", result.stdout, re.M), result.stdout
    assert "/de/shared-vs-dedicated/" in result.stdout

    data = json.loads(figures.read_text(encoding="utf-8"))
    assert {"builds", "pages", "ratios", "targets"} <= data.keys()
