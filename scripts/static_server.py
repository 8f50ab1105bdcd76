"""A built site served on 127.0.0.1 in a thread: for `make pdf` (scripts/pdf.py)
and the browser tests (tests/conftest.py)."""

from __future__ import annotations

import contextlib
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


@contextlib.contextmanager
def serve_directory(directory: Path, port: int = 0, not_found_page: bool = False):
    """Yields the base URL ('http://127.0.0.1:<port>', no trailing slash);
    port 0 takes any free port. not_found_page: answer every missing path
    with /404.html and status 404, as GitHub Pages (and `mkdocs serve`) do."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            page = Path(directory) / "404.html"
            if not (not_found_page and code == 404 and page.is_file()):
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
