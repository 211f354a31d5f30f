"""PDF lines: pdfplumber groups characters into lines; we build each line's text ourselves so that
every character of it is known (font, size, weight) and the text is the same every time.

A line's text is the reference for PDF offsets: ``Segment(page, line, offset)`` points into
``PdfLine.text`` of line number ``line`` (1-based, top to bottom as pdfplumber orders them) on
``page`` (1-based), before any line is removed as a running header or joined into a paragraph.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
CID = re.compile(r"^\(cid:\d+\)$")


@dataclass
class PdfLine:
    page: int
    number: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    font: str
    garbled: int = 0  # characters without a Unicode mapping ("(cid:12)")
    chars: int = 0


def font_name(raw: str) -> str:
    """Drop the subset prefix: ``BAAAAA+LiberationSerif-Bold`` → ``LiberationSerif-Bold``."""
    return raw.split("+", 1)[1] if "+" in raw[:8] else raw


def page_lines(page, page_number: int) -> list[PdfLine]:
    try:
        page = page.dedupe_chars()  # fake bold: the same glyph drawn twice
    except Exception:  # noqa: BLE001 - dedupe is an optimisation; never fatal
        pass
    out: list[PdfLine] = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        chars = sorted((c for c in raw["chars"] if c.get("upright", True)), key=lambda c: c["x0"])
        line = _line(chars, page_number, len(out) + 1)
        if line is not None:
            out.append(line)
    return out


def _line(chars: list[dict], page: int, number: int) -> PdfLine | None:
    parts: list[str] = []
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    bold = True
    garbled = 0
    visible = 0
    prev = None
    for c in chars:
        text = c["text"]
        if CID.match(text):
            garbled += 1
            text = "\ufffd"
        if not text:
            continue
        if text.isspace():
            if parts and parts[-1] != " ":
                parts.append(" ")
            prev = c
            continue
        size = float(c.get("size") or 0)
        if prev is not None and parts and parts[-1] != " " and c["x0"] - prev["x1"] > max(1.0, 0.2 * size):
            parts.append(" ")
        parts.append(text)
        visible += 1
        sizes[round(size, 1)] += 1
        name = font_name(c.get("fontname") or "")
        fonts[name] += 1
        bold = bold and bool(BOLD_FONT.search(name))
        prev = c
    text = "".join(parts).strip()
    if not text:
        return None
    return PdfLine(
        page=page,
        number=number,
        text=text,
        x0=min(c["x0"] for c in chars),
        x1=max(c["x1"] for c in chars),
        top=min(c["top"] for c in chars),
        bottom=max(c["bottom"] for c in chars),
        size=sizes.most_common(1)[0][0] if sizes else 0.0,
        bold=bold and visible > 0,
        font=fonts.most_common(1)[0][0] if fonts else "",
        garbled=garbled,
        chars=visible,
    )
