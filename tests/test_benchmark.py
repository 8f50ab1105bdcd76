"""bench/benchmark.py: a smoke test that it runs end to end in its quick
mode, and unit tests of how it serves the sites and picks Lighthouse runs.

Timings and ratios are the benchmark's business, never asserted here.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from benchmark import median_run, start_server

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

    for heading in ("## Build time", "## First load", "## Search", "## Ratios (ours/vanilla)", "## Targets"):
        assert heading in result.stdout, f"missing {heading!r} in:\n{result.stdout}"
    assert re.search(r"^- full build time: \d+\.\d\dx$", result.stdout, re.M), result.stdout
    assert "/de/shared-vs-dedicated/" in result.stdout

    # The search section: relevance per language, latency, index bytes.
    for field in ("top-3 hit rate", "MRR", "results from another language", "landing page highlights",
                  "median ms", "slowest query", "index KB gzip"):
        assert field in result.stdout, f"missing {field!r} in the search section"
    assert re.search(r"^\| ar +\| \d+ +\| \d+\.\d%", result.stdout, re.M), result.stdout

    data = json.loads(figures.read_text(encoding="utf-8"))
    assert {"builds", "pages", "ratios", "targets", "search"} <= data.keys()
    assert set(data["search"]["languages"]) == {"en", "de", "fr", "hu", "ar"}
    assert data["search"]["sites"]["today"]["latency_4x"]["count"] > 0
    slowest = data["search"]["sites"]["today"]["latency_4x"]["slowest"]
    assert re.fullmatch(r"(en|de|fr|hu|ar): .+", slowest), slowest


def test_median_lighthouse_run_is_reported():
    runs = [{"scores": {"performance": p}} for p in (97, 88, 100)] + [{"error": "timed out"}]
    assert median_run(runs)["scores"]["performance"] == 97
    assert median_run([{"error": "a"}, {"error": "b"}]) == {"error": "b"}


def test_served_like_a_static_host(tmp_path):
    """Keep-alive, and each gzip body made once: Lighthouse's simulation adds
    the server time it sees to every request."""
    (tmp_path / "index.html").write_text("<p>" + "support " * 500 + "</p>", encoding="utf-8")
    server = start_server(0, tmp_path)
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=10)
        bodies = []
        for _ in range(2):  # the same connection twice: it stays open
            connection.request("GET", "/", headers={"Accept-Encoding": "gzip"})
            response = connection.getresponse()
            assert response.getheader("Content-Encoding") == "gzip"
            bodies.append(response.read())
            assert connection.sock is not None, "the server closed the connection"
        assert gzip.decompress(bodies[0]).decode() == (tmp_path / "index.html").read_text(encoding="utf-8")
        assert bodies[0] == bodies[1]
        connection.close()
    finally:
        server.shutdown()
        server.server_close()
