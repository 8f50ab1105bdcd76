"""The 1200x630 share image of a page: its title and the site name, drawn
offline with Pillow in fonts that come from PyPI packages (Noto Sans and Noto
Sans Arabic, pinned in requirements.txt), so that a build needs no system
font and downloads nothing.

Arabic is shaped and laid out right to left by Pillow's Raqm layout
(HarfBuzz, bundled in Pillow's wheels, and FriBiDi, Debian's libfribidi0).
Where FriBiDi is missing, Pillow falls back to its basic layout, which neither
joins Arabic letters nor reorders them; then the text is shaped into Arabic
presentation forms (arabic-reshaper) and put in visual order (python-bidi)
before it is drawn, which reads correctly too (no mark positioning).

Images are cached by content: the file name is a hash of everything drawn
(title, site name, language, direction, layout engine, fonts and
TEMPLATE_VERSION), so a rebuild copies a cached file instead of drawing it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

WIDTH, HEIGHT = 1200, 630
# Change it whenever the drawing below changes: every cached image is redrawn.
TEMPLATE_VERSION = "1"

BACKGROUND = (48, 63, 159)  # Material's indigo 700, darker than the header for contrast
ACCENT = (140, 158, 255)  # indigo A200
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)  # indigo 100
MARGIN = 80
TITLE_SIZES = (72, 64, 56, 48)  # the largest that fits in MAX_LINES wins
MAX_LINES = 4
SITE_SIZE = 34

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
FONT_PACKAGES = {"latin": "Noto Sans", "arabic": "Noto Sans Arabic"}


class ShareImageError(Exception):
    """Something the share images need is not installed; the message says what."""


@dataclass(frozen=True)
class Card:
    title: str
    site_name: str
    language: str
    direction: str  # 'ltr' or 'rtl'


def check_requirements() -> None:
    """Fail early, naming the fix, when Pillow or a font package is missing."""
    try:
        import PIL  # noqa: F401
    except ImportError:
        raise ShareImageError(
            "share images need Pillow: run `make install` (or .venv/bin/pip install -r requirements.txt)"
        ) from None
    for script in FONT_PACKAGES:
        font_path(script)


def script_of(text: str) -> str:
    return "arabic" if ARABIC.search(text) else "latin"


@lru_cache(maxsize=None)
def font_path(script: str) -> Path:
    family = FONT_PACKAGES[script]
    try:
        import fontpkg

        return Path(fontpkg.path(family))
    except ImportError:
        raise ShareImageError(
            "share images need the fontpkg font packages: run `make install` "
            "(or .venv/bin/pip install -r requirements.txt)"
        ) from None
    except Exception as error:  # fontpkg's own errors: family not installed
        raise ShareImageError(
            f"share images need the font '{family}' (PyPI package "
            f"fontpkg-{family.lower().replace(' ', '-')}, in requirements.txt): {error}"
        ) from None


@lru_cache(maxsize=None)
def _font(script: str, size: int, weight: int):
    from PIL import ImageFont

    font = ImageFont.truetype(str(font_path(script)), size, layout_engine=layout_engine())
    # Both fonts are variable (width, weight): 100 % width, the given weight.
    axes = {axis["name"]: axis for axis in font.get_variation_axes()}
    values = []
    for name, axis in axes.items():
        wanted = {b"Weight": weight, b"Width": 100}.get(name if isinstance(name, bytes) else name.encode(), axis["default"])
        values.append(max(axis["minimum"], min(axis["maximum"], wanted)))
    font.set_variation_by_axes(values)
    return font


@lru_cache(maxsize=None)
def layout_engine():
    from PIL import ImageFont, features

    return ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def engine_name() -> str:
    from PIL import ImageFont

    return "raqm" if layout_engine() == ImageFont.Layout.RAQM else "basic"


def visual(text: str, direction: str) -> str:
    """Text as the basic layout must receive it: shaped and in visual order.
    Raqm does both itself, so the text is left alone."""
    if engine_name() == "raqm" or direction != "rtl":
        return text
    try:
        import arabic_reshaper
        from bidi import get_display
    except ImportError:
        raise ShareImageError(
            "Pillow has no Raqm layout here (Debian's libfribidi0 is missing), and the fallback "
            "needs arabic-reshaper and python-bidi: run `make install`, or install libfribidi0"
        ) from None
    return get_display(arabic_reshaper.reshape(text), base_dir="R")


def _measure(font, text: str, direction: str) -> float:
    if engine_name() == "raqm":
        return font.getlength(text, direction=direction)
    return font.getlength(visual(text, direction))


def wrap(text: str, font, width: int, direction: str) -> list[str]:
    """Greedy word wrap in logical order."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and _measure(font, candidate, direction) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def fit_title(title: str, direction: str) -> tuple[object, list[str]]:
    script = script_of(title)
    width = WIDTH - 2 * MARGIN
    for size in TITLE_SIZES:
        font = _font(script, size, 700)
        lines = wrap(title, font, width, direction)
        if len(lines) <= MAX_LINES and all(_measure(font, line, direction) <= width for line in lines):
            return font, lines
    lines = lines[:MAX_LINES]
    lines[-1] = lines[-1].rstrip() + "…"
    return font, lines


def cache_key(card: Card) -> str:
    fonts = [font_path(script).name for script in ("latin", "arabic")]
    parts = [TEMPLATE_VERSION, engine_name(), *fonts, card.language, card.direction, card.site_name, card.title]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def draw(card: Card, target: Path) -> None:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    pen = ImageDraw.Draw(image)
    rtl = card.direction == "rtl"
    edge = WIDTH - MARGIN if rtl else MARGIN
    anchor_top = "ra" if rtl else "la"  # right or left edge, ascender at y
    kwargs = {"direction": card.direction, "language": card.language} if engine_name() == "raqm" else {}

    # The site name, small, at the top; an accent bar under it.
    site_font = _font(script_of(card.site_name), SITE_SIZE, 500)
    site_dir = "rtl" if script_of(card.site_name) == "arabic" else "ltr"
    site_kwargs = {**kwargs, "direction": site_dir} if kwargs else {}
    pen.text((edge, MARGIN), visual(card.site_name, site_dir), font=site_font, fill=MUTED, anchor=anchor_top, **site_kwargs)
    bar_y = MARGIN + SITE_SIZE + 34
    bar = (edge - 120, bar_y, edge, bar_y + 8) if rtl else (edge, bar_y, edge + 120, bar_y + 8)
    pen.rectangle(bar, fill=ACCENT)

    # The title, as large as fits, from below the bar.
    title_dir = "rtl" if script_of(card.title) == "arabic" else "ltr"
    title_kwargs = {**kwargs, "direction": title_dir} if kwargs else {}
    font, lines = fit_title(card.title, title_dir)
    size = font.size
    line_height = round(size * (1.5 if title_dir == "rtl" else 1.25))
    y = bar_y + 70
    for line in lines:
        pen.text((edge, y), visual(line, title_dir), font=font, fill=TEXT, anchor=anchor_top, **title_kwargs)
        y += line_height

    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, "PNG", optimize=True)


def share_image(card: Card, cache_dir: Path, target: Path) -> bool:
    """Put the card's image at target, drawing it only if the cache lacks it.
    Returns True when it was drawn."""
    cached = cache_dir / f"{cache_key(card)}.png"
    drawn = False
    if not cached.is_file():
        # Builds may run side by side: each writes its own file, then renames it.
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.tmp.png")
        draw(card, partial)
        partial.replace(cached)
        drawn = True
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)
    return drawn
