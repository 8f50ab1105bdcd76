"""Isolate left-to-right runs inside right-to-left HTML.

In an Arabic sentence, "ITIL", "GPT 4.0", "24/7" or "40–60 %" are weak or
left-to-right runs between right-to-left words: the bidi algorithm can
reorder their parts and their neighbours (an en dash between two numbers
takes the paragraph's direction, so "40–60" shows as "60–40"). Wrapping each
run in <bdi dir="ltr"> lays it out on its own, left to right.
"""

from __future__ import annotations

import re
from html import escape, unescape

TAG = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
TAG_NAME = re.compile(r"^<\s*(/?)\s*([a-zA-Z][\w-]*)")
HAS_DIR = re.compile(r"\sdir\s*=", re.I)
# Latin letters and digits, with the spaces and punctuation that join them
# inside one term or figure; a run starts and ends with a letter, a digit, %
# or a closing bracket, so it never swallows the spaces around it.
LTR_RUN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9 .,:/%+&'’()\-–—]*[A-Za-z0-9%)])?")
# Elements whose text is already isolated, or is code.
SKIP = frozenset({"code", "pre", "kbd", "samp", "bdi", "bdo", "script", "style", "svg", "math", "textarea"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


def isolate_ltr_runs(html: str) -> str:
    out: list[str] = []
    skipping: str | None = None  # the tag name whose content is left alone
    depth = 0
    for part in TAG.split(html):
        if not part:
            continue
        if part.startswith("<"):
            out.append(part)
            name_match = TAG_NAME.match(part)
            if not name_match or part.startswith("<!"):
                continue
            closing, name = name_match.group(1) == "/", name_match.group(2).lower()
            self_closing = part.endswith("/>") or name in VOID
            if skipping:
                if name == skipping and not self_closing:
                    depth += -1 if closing else 1
                    if depth == 0:
                        skipping = None
            elif not closing and not self_closing and (name in SKIP or HAS_DIR.search(part)):
                skipping, depth = name, 1
            continue
        out.append(part if skipping else _isolate_text(part))
    return "".join(out)


def _isolate_text(text: str) -> str:
    raw = unescape(text)
    if not LTR_RUN.search(raw):
        return text
    pieces, last = [], 0
    for match in LTR_RUN.finditer(raw):
        run = _balanced(match.group(0))
        pieces.append(escape(raw[last:match.start()], quote=False))
        pieces.append(f'<bdi dir="ltr">{escape(run, quote=False)}</bdi>')
        last = match.start() + len(run)
    pieces.append(escape(raw[last:], quote=False))
    return "".join(pieces)


def _balanced(run: str) -> str:
    """The run without a closing bracket it did not open: in "(24/7)" the
    brackets belong to the Arabic sentence, which mirrors them."""
    while run.endswith(")") and run.count(")") > run.count("("):
        run = run[:-1].rstrip(" .,:/+&'’-–—(")
    return run
