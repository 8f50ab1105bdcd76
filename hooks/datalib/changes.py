"""What changed in a Markdown page between two versions, block by block.

A translator needs to know which English paragraphs, list items and table
rows changed since the translation was last reviewed, not just that a hash
differs. Both `scripts/translations.py check` and the "changes since the
last review" page use these functions, so they always show the same thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from .markers import FENCE

FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?\n)---\n", re.S)
FRONT_MATTER_TEXT_KEYS = ("title", "description")
LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
TABLE_ROW = re.compile(r"^\s*\|")
HEADING = re.compile(r"^#{1,6}\s")

PARAGRAPH, HEADING_BLOCK, LIST_BLOCK, ROW, FRONT, CODE = "paragraph", "heading", "list item", "table row", "front matter", "code block"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Block:
    kind: str
    text: str  # whitespace folded, as a reader would compare it
    line: int  # 1-based line in its file


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed or changed
    old: Block | None
    new: Block | None

    @property
    def block(self) -> Block:
        return self.new or self.old


def blocks(markdown: str) -> list[Block]:
    """Split a page into the units a translator works in: the front matter's
    title and description, headings, paragraphs, list items, table rows and
    code blocks."""
    found: list[Block] = []
    offset = 0
    match = FRONT_MATTER.match(markdown)
    if match:
        for number, line in enumerate(match.group("body").split("\n"), start=2):
            key, _, value = line.partition(":")
            if key.strip() in FRONT_MATTER_TEXT_KEYS and value.strip():
                found.append(Block(FRONT, f"{key.strip()}: {value.strip()}", number))
        offset = match.group(0).count("\n")
    current: list[str] = []
    kind, start, fence = PARAGRAPH, 0, None

    def flush() -> None:
        if current:
            found.append(Block(kind, _fold(" ".join(current)) if kind != CODE else "\n".join(current), start))
            current.clear()

    for number, line in enumerate(markdown.split("\n")[offset:], start=offset + 1):
        if fence:
            current.append(line)
            if FENCE.match(line) and line.strip().startswith(fence):
                fence = None
                flush()
            continue
        opening = FENCE.match(line)
        if opening:
            flush()
            kind, start, fence = CODE, number, opening.group(1)
            current.append(line)
        elif not line.strip():
            flush()
        elif HEADING.match(line) or TABLE_ROW.match(line) or LIST_ITEM.match(line):
            flush()
            kind = HEADING_BLOCK if HEADING.match(line) else ROW if TABLE_ROW.match(line) else LIST_BLOCK
            start = number
            current.append(line.strip())
            if kind != LIST_BLOCK:
                flush()
        else:
            if not current:
                kind, start = PARAGRAPH, number
            current.append(line.strip())  # a paragraph, or a list item's next line
    flush()
    return found


def block_changes(old: str, new: str) -> list[Change]:
    """The blocks added, removed or changed from `old` to `new`, in the new
    page's order."""
    before, after = blocks(old), blocks(new)
    matcher = SequenceMatcher(None, [b.text for b in before], [b.text for b in after], autojunk=False)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = before[i1:i2], after[j1:j2]
        # Blocks replaced in the same place are rewordings of each other.
        paired = min(len(olds), len(news))
        changes += [Change(CHANGED, a, b) for a, b in zip(olds, news)]
        changes += [Change(REMOVED, a, None) for a in olds[paired:]]
        changes += [Change(ADDED, None, b) for b in news[paired:]]
    return changes


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
