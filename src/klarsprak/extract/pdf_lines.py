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
    column: int = 0  # 0: the page is one column (or the line crosses the gutter); 1 left; 2 right
    gaps: tuple[int, ...] = ()  # text offsets of spaces that stand for a wide gap (table cells)


def font_name(raw: str) -> str:
    """Drop the subset prefix: ``BAAAAA+LiberationSerif-Bold`` → ``LiberationSerif-Bold``."""
    return raw.split("+", 1)[1] if "+" in raw[:8] else raw


def page_lines(page, page_number: int) -> list[PdfLine]:
    rows = []
    for raw in page.extract_text_lines(return_chars=True, strip=True):
        chars = sorted((c for c in raw["chars"] if c.get("upright", True)), key=lambda c: c["x0"])
        if chars:
            rows.append(chars)
    out: list[PdfLine] = []
    for chars, column in _reading_order(rows):
        line = _line(chars, page_number, len(out) + 1)
        if line is not None:
            line.column = column
            out.append(line)
    return out


def _big_gaps(chars: list[dict]) -> list[tuple[float, float]]:
    out = []
    for a, b in zip(chars, chars[1:]):
        size = float(b.get("size") or 10)
        if b["x0"] - a["x1"] > max(18.0, 2.5 * size):
            out.append((a["x1"], b["x0"]))
    return out


def _gutter(rows: list[list[dict]]) -> float | None:
    """The x of an empty vertical band between two columns of prose, or None (one column).

    Counted per 2-pt slice across the page: how many lines have a character there. A gutter is
    a band at least 12 pt wide in the middle half of the text that (almost) no line touches,
    with prose on both sides."""
    if len(rows) < 6:
        return None
    left_edge = min(chars[0]["x0"] for chars in rows)
    right_edge = max(chars[-1]["x1"] for chars in rows)
    width = right_edge - left_edge
    if width < 200:
        return None
    slices = int(width // 2) + 1
    touched = [0] * slices
    for chars in rows:
        hit = set()
        for c in chars:
            for k in range(int((c["x0"] - left_edge) // 2), int((c["x1"] - left_edge) // 2) + 1):
                hit.add(k)
        for k in hit:
            if 0 <= k < slices:
                touched[k] += 1
    quiet = max(1, len(rows) // 20)
    best, start = None, None
    for k in range(slices + 1):
        empty = k < slices and touched[k] <= quiet and 0.25 * slices <= k <= 0.75 * slices
        if empty and start is None:
            start = k
        elif not empty and start is not None:
            if (k - start) * 2 >= 12 and (best is None or k - start > best[1] - best[0]):
                best = (start, k)
            start = None
    if best is None:
        return None
    x = left_edge + (best[0] + best[1])  # slice width 2: the band's middle
    left = [sum(len(c["text"]) for c in chars if c["x1"] <= x) for chars in rows]
    right = [sum(len(c["text"]) for c in chars if c["x0"] >= x) for chars in rows]
    left_lines = [n for n in left if n]
    right_lines = [n for n in right if n]
    # Prose on both sides; a table with a column of amounts is not two columns of text.
    if len(left_lines) < 0.3 * len(rows) or len(right_lines) < 0.3 * len(rows):
        return None
    if sum(left_lines) / len(left_lines) < 15 or sum(right_lines) / len(right_lines) < 15:
        return None
    return x


def _reading_order(rows: list[list[dict]]) -> list[tuple[list[dict], int]]:
    """Lines in reading order with their column: with two columns, the left column of each band
    before the right one; a line that crosses the gutter (a title over both) closes the band."""
    x = _gutter(rows)
    if x is None:
        return [(chars, 0) for chars in rows]
    out: list[tuple[list[dict], int]] = []
    left: list[tuple[list[dict], int]] = []
    right: list[tuple[list[dict], int]] = []
    for chars in rows:
        if any(c["x0"] < x < c["x1"] for c in chars):
            out.extend(left + right)
            left, right = [], []
            out.append((chars, 0))
            continue
        lpart = [c for c in chars if c["x1"] <= x]
        rpart = [c for c in chars if c["x0"] >= x]
        if lpart:
            left.append((lpart, 1))
        if rpart:
            right.append((rpart, 2))
    out.extend(left + right)
    return out


def _line(chars: list[dict], page: int, number: int) -> PdfLine | None:
    parts: list[str] = []
    sizes: Counter[float] = Counter()
    fonts: Counter[str] = Counter()
    bold = True
    garbled = 0
    visible = 0
    gaps: list[int] = []
    prev = None
    for c in chars:
        text = c["text"]
        if prev is not None and text == prev["text"] and abs(c["x0"] - prev["x0"]) < 1 and abs(c["top"] - prev["top"]) < 1:
            continue  # fake bold: the same glyph drawn twice (pdfplumber's dedupe_chars is slow)
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
            if c["x0"] - prev["x1"] > max(18.0, 2.5 * size):
                gaps.append(sum(len(p) for p in parts))
            parts.append(" ")
        parts.append(text)
        visible += 1
        sizes[round(size, 1)] += 1
        name = font_name(c.get("fontname") or "")
        fonts[name] += 1
        bold = bold and bool(BOLD_FONT.search(name))
        prev = c
    joined = "".join(parts)
    text = joined.strip()
    if not text:
        return None
    lead = len(joined) - len(joined.lstrip())
    gaps = [g - lead for g in gaps if 0 < g - lead < len(text)]
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
        gaps=tuple(gaps),
    )
