"""The one marker syntax pages use to place data:

    <!-- data:table support-models/comparison -->    a table
    <!-- data:decision decision-helper -->            the decision helper
    <!-- data:status translations -->                 the translation status
    <!-- data:status changes -->                      English changes since each
                                                      outdated translation's review

on a line of its own. Translators copy it unchanged. Markers inside fenced
code blocks are left alone, so documentation can show the syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

MARKER = re.compile(r"^[ \t]*<!--\s*data:(?P<kind>[\w-]*)(?P<args>[^>]*?)\s*-->[ \t]*$")
FENCE = re.compile(r"^[ \t]*(```|~~~)")
KINDS = ("table", "decision", "status")
STATUS_NAMES = ("translations", "changes")


@dataclass(frozen=True)
class Marker:
    kind: str
    name: str
    line: int  # 1-based line in the Markdown source


class MarkerError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def find_markers(markdown: str) -> list[Marker]:
    return [marker for marker, _ in _scan(markdown)]


def replace_markers(markdown: str, render: Callable[[Marker], str]) -> str:
    lines = markdown.split("\n")
    for marker, index in _scan(markdown):
        # Blank lines around the HTML keep Markdown from wrapping it in <p>.
        lines[index] = "\n" + render(marker) + "\n"
    return "\n".join(lines)


def _scan(markdown: str):
    fence = None
    for index, line in enumerate(markdown.split("\n")):
        fence_match = FENCE.match(line)
        if fence_match:
            token = fence_match.group(1)
            fence = None if fence == token else (fence or token)
            continue
        if fence:
            continue
        match = MARKER.match(line)
        if not match:
            continue
        kind, args = match.group("kind"), match.group("args").split()
        if kind not in KINDS:
            raise MarkerError(index + 1, f"unknown data marker 'data:{kind}' (known: {', '.join('data:' + k for k in KINDS)})")
        if len(args) != 1:
            raise MarkerError(index + 1, f"data:{kind} takes exactly one name, found {len(args)}")
        yield Marker(kind, args[0], index + 1), index
