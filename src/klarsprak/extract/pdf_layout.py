"""From PDF lines to blocks: running headers/footers and page numbers out, table-of-contents lines
skipped, paragraphs from line spacing, headings from font size and weight, bullets to list items,
end-of-line hyphenation repaired.

Hyphenation: a line ending in letter + "-" joins the next line without a space and without the
hyphen ("handlägg-" + "ningen" → "handläggningen"), except when the hyphen is real:
- the next line starts with "och", "eller", "samt", "respektive", "till" or "som"
  ("vänte- och handläggningstider": hyphen kept, space kept);
- the part before the hyphen is an abbreviation in capitals or holds a digit ("LSS-insats",
  "2024-03"), or is one or two letters ("e-post"), or the next line starts with a capital letter
  or a digit ("Skåne-Blekinge"): hyphen kept, no space.
A soft hyphen (U+00AD) at a line end is always removed. A capitalised ordinary word
("Förvaltnings-" + "rätten") is repaired like any other.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from klarsprak.extract.builder import TextBuilder
from klarsprak.extract.pdf_lines import PdfLine
from klarsprak.extract.placeholders import find as find_placeholders
from klarsprak.model import Block, BlockKind, Place

PAGE_NUMBER = re.compile(
    r"^(?:(?:sida|sid|s\.|page)\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:av|/|\(|of)\s*\d{1,4}\)?)?$", re.IGNORECASE
)
TOC_LINE = re.compile(r"^(?P<title>.*\S)\s*(?:\.{4,}|…{2,}|(?:\.\s){4,}|_{4,}|·{4,})\s*\.?\s*(?P<page>\d{1,4})$")
TOC_TITLE = re.compile(r"^(?:innehåll|innehållsförteckning|innehåll:)$", re.IGNORECASE)
BULLET = re.compile(r"^(?:[•▪●◦‣▶►■□➢➤✓✔–—\-*·\uf000-\uf0ff]|\d{1,3}[.)]|[a-zåäö][.)])\s+(?=\S)")
KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "resp.", "till", "som", "&"}
ZONE = 0.12  # top/bottom share of the page where running headers and footers live
MARGIN = 0.07  # lines wholly this close to the edge sit in the page margin: header/footer even alone
PAGE_PHRASE = re.compile(r"\b(?:sida|sid|page)\s*\d+\s*(?:av|/|of|\()\s*\d+", re.IGNORECASE)


@dataclass
class _Pending:
    kind: BlockKind
    lines: list[PdfLine] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # where each line's content starts (after a bullet)
    level: int | None = None
    style: str | None = None


# --- running headers, footers and page numbers ------------------------------------------------------
def _in_zone(line: PdfLine, height: float) -> str | None:
    if line.top < ZONE * height:
        return "top"
    if line.bottom > (1 - ZONE) * height:
        return "bottom"
    return None


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", text.lower())).strip()


def split_running(pages: list[list[PdfLine]], heights: list[float]) -> tuple[list[list[PdfLine]], list[tuple[str, PdfLine]]]:
    """Remove running headers/footers (repeated in the top/bottom zone of at least half the pages,
    digits ignored) and page numbers. Returns the kept lines per page and the first occurrence of
    each running line as ("top"|"bottom", line)."""
    # Text (digits ignored) → the pages and positions where it sits in a top/bottom zone. A running
    # line keeps its place on the page; the same words elsewhere (a signature) do not count.
    seen: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for lines, height in zip(pages, heights):
        for line in lines[:4] + lines[-4:]:
            zone = _in_zone(line, height)
            if zone:
                position = line.top if zone == "top" else height - line.bottom
                seen[_key(line.text)].append((line.page, round(position)))
    needed = max(2, math.ceil(len(pages) / 2))
    running = set()
    for key, places in seen.items():
        common = Counter(pos for _, pos in set(places)).most_common(1)[0][0]
        if len({page for page, pos in places if abs(pos - common) <= 3}) >= needed:
            running.add(key)
    kept_pages, furniture, emitted = [], [], set()
    for lines, height in zip(pages, heights):
        kept = []
        for line in lines:
            zone = _in_zone(line, height)
            if zone and PAGE_NUMBER.match(line.text):
                continue
            key = _key(line.text)
            in_margin = line.bottom < MARGIN * height or line.top > (1 - MARGIN) * height
            if zone and (key in running or PAGE_PHRASE.search(line.text) or (len(pages) == 1 and in_margin)):
                if key not in emitted:
                    emitted.add(key)
                    furniture.append((zone, line))
                continue
            kept.append(line)
        kept_pages.append(kept)
    return kept_pages, furniture


# --- the layout pass ------------------------------------------------------------------------------------
class Layout:
    def __init__(self, lines: list[PdfLine], patterns: tuple[str, ...]):
        self.lines = [line for line in lines if not TOC_LINE.match(line.text)]
        self._drop_toc_titles(lines)
        self.patterns = patterns
        weights: Counter[float] = Counter()
        for line in self.lines:
            weights[line.size] += len(line.text)
        self.body = weights.most_common(1)[0][0] if weights else 0.0
        bigger = sorted({round(line.size) for line in self.lines if line.size >= self.body * 1.12}, reverse=True)
        self.size_level = {s: i + 1 for i, s in enumerate(bigger)}
        self.bold_level = min(len(bigger) + 1, 6)
        self.leading = self._leading()
        self.left = min((line.x0 for line in self.lines), default=0.0)
        self.right = max((line.x1 for line in self.lines if line.column == 0), default=0.0)
        self.edges: dict[tuple[int, int], tuple[float, float]] = {}
        for line in self.lines:
            if line.column:
                key = (line.page, line.column)
                lo, hi = self.edges.get(key, (line.x0, line.x1))
                self.edges[key] = (min(lo, line.x0), max(hi, line.x1))
        bullets = [line.x0 for line in self.lines if BULLET.match(line.text)]
        self.bullet_left = min(bullets, default=self.left)

    def _drop_toc_titles(self, original: list[PdfLine]) -> None:
        """Drop an "Innehåll" title when table-of-contents lines follow it."""
        toc = {(line.page, line.number) for line in original if TOC_LINE.match(line.text)}
        keep = []
        for i, line in enumerate(self.lines):
            if TOC_TITLE.match(line.text.strip()):
                nxt = next((o for o in original if (o.page, o.number) > (line.page, line.number)), None)
                if nxt is not None and (nxt.page, nxt.number) in toc:
                    continue
            keep.append(line)
        self.lines = keep

    def _leading(self) -> float:
        """The usual distance between the tops of two lines of one body paragraph."""
        steps: Counter[float] = Counter()
        for a, b in zip(self.lines, self.lines[1:]):
            if a.page == b.page and a.size == b.size == self.body and b.top > a.top:
                steps[round(b.top - a.top, 0)] += 1
        return steps.most_common(1)[0][0] if steps else self.body * 1.25

    def heading_level(self, line: PdfLine) -> int | None:
        if line.size >= self.body * 1.12:
            return min(self.size_level.get(round(line.size), 1), 6)
        if line.bold and len(line.text) <= 100 and not line.text.endswith((".", ",", ";")) and line.size >= self.body * 0.95:
            return self.bold_level
        return None

    # --- grouping ------------------------------------------------------------------------------------
    def blocks(self, first_index: int) -> list[Block]:
        out: list[Block] = []
        pending: _Pending | None = None
        prev: PdfLine | None = None
        table = -1
        row = 0
        for line in self.lines:
            if line.gaps and line.size < self.body * 1.12:
                self._flush(pending, out, first_index)
                pending = None
                if prev is not None and prev.gaps and self._close(prev, line, 2.5):
                    row += 1
                else:
                    table, row = table + 1, 0
                self._row(line, str(table), row, out, first_index)
                prev = line
                continue
            heading = self.heading_level(line)
            bullet = BULLET.match(line.text) if heading is None else None
            if heading is not None:
                if not (pending and pending.kind == BlockKind.HEADING and pending.level == heading and self._close(prev, line, 1.6)
                        and (not self._short(prev) or self._goes_on(prev, line))):
                    self._flush(pending, out, first_index)
                    pending = _Pending(BlockKind.HEADING, level=heading, style=_style(line))
                pending.lines.append(line)
                pending.starts.append(0)
            elif bullet:
                self._flush(pending, out, first_index)
                level = min(int(max(0.0, line.x0 - self.bullet_left) + 4) // 18, 8)
                pending = _Pending(BlockKind.LIST_ITEM, level=level, style=_style(line))
                pending.lines.append(line)
                pending.starts.append(bullet.end())
            else:
                if pending is None or pending.kind == BlockKind.HEADING or self._breaks(pending, prev, line):
                    self._flush(pending, out, first_index)
                    pending = _Pending(BlockKind.PARAGRAPH, style=_style(line))
                pending.lines.append(line)
                pending.starts.append(0)
            prev = line
        self._flush(pending, out, first_index)
        return out

    def _short(self, line: PdfLine) -> bool:
        left, right = self.edges.get((line.page, line.column), (self.left, self.right))
        return line.x1 < right - 0.15 * (right - left)

    def _close(self, prev: PdfLine | None, line: PdfLine, factor: float) -> bool:
        return (
            prev is not None
            and (prev.page, prev.column) == (line.page, line.column)
            and 0 < line.top - prev.top <= factor * max(self.leading, line.size)
        )

    def _goes_on(self, prev: PdfLine, line: PdfLine) -> bool:
        """A short previous line that still does not end its paragraph or heading."""
        if prev.text.endswith(("-", "\u00ad")):
            return True
        return not prev.text.endswith((".", "!", "?", ":")) and line.text[:1].islower()

    def _breaks(self, pending: _Pending, prev: PdfLine, line: PdfLine) -> bool:
        if (prev.page, prev.column) != (line.page, line.column):
            # A paragraph runs on over a page or column break when it did not end and the next
            # line goes on in lower case.
            ended = prev.text.endswith((".", "!", "?", ":"))
            return ended or not line.text[:1].islower() or abs(prev.size - line.size) > 0.5
        if abs(prev.size - line.size) > 0.5:
            return True
        if line.top - prev.top > self.leading * 1.3 + 0.5:
            return True
        if pending.kind == BlockKind.LIST_ITEM:
            return line.x0 < pending.lines[0].x0 + 2  # continuation lines hang under the text
        if self._short(prev) and not self._goes_on(prev, line):
            # Text flows to the right margin: a short line ends its paragraph (or is one line of
            # an address or a signature) unless the sentence plainly goes on.
            return True
        indented = line.x0 - prev.x0 > 0.8 * line.size and len(pending.lines) > 1
        return indented

    def _row(self, line: PdfLine, table: str, row: int, out: list[Block], first_index: int) -> None:
        """A line with wide gaps is a table row: one TABLE_CELL block per cell."""
        edges = [0, *line.gaps, len(line.text)]
        for cell, (a, b) in enumerate(zip(edges, edges[1:])):
            piece = line.text[a:b]
            start = a + len(piece) - len(piece.lstrip())
            text = piece.strip()
            if not text:
                continue
            builder = TextBuilder()
            builder.add(text, page=line.page, line=line.number, offset=start)
            out.append(
                Block(
                    index=first_index + len(out),
                    kind=BlockKind.TABLE_CELL,
                    text=text,
                    place=Place(page=line.page, line=line.number, table=table, row=row, cell=cell),
                    segments=builder.segments,
                    style=_style(line),
                    bold=line.bold,
                    placeholders=find_placeholders(text, self.patterns),
                )
            )

    def _flush(self, pending: _Pending | None, out: list[Block], first_index: int) -> None:
        if pending is None or not pending.lines:
            return
        builder = TextBuilder()
        lines = pending.lines
        for i, line in enumerate(lines):
            start = pending.starts[i]
            end = len(line.text)
            separator = None
            if i + 1 < len(lines):
                end, separator = _join(line.text, lines[i + 1].text[pending.starts[i + 1]:])
            builder.add(line.text[start:end], page=line.page, line=line.number, offset=start)
            if separator:
                builder.add(separator, page=line.page, line=line.number, offset=end, synthetic=True)
        text, segments = builder.stripped()
        if not text:
            return
        first = lines[0]
        out.append(
            Block(
                index=first_index + len(out),
                kind=pending.kind,
                text=text,
                place=Place(page=first.page, line=first.number),
                segments=segments,
                level=pending.level,
                style=pending.style,
                bold=all(line.bold for line in lines),
                placeholders=find_placeholders(text, self.patterns),
            )
        )


def _style(line: PdfLine) -> str:
    return f"{line.font} {line.size:g}pt".strip()


def _join(text: str, following: str) -> tuple[int, str]:
    """Where this line's text ends in the block and what joins it to the next line."""
    if text.endswith("\u00ad"):
        return len(text) - 1, ""
    if len(text) >= 2 and text[-1] in "-\u2010" and text[-2].isalnum():
        fragment = re.split(r"[\s/(]", text[:-1])[-1]
        first_word = following.split(" ", 1)[0] if following else ""
        if first_word.lower().rstrip(",") in KEEP_HYPHEN_BEFORE:
            return len(text), " "
        if (
            any(ch.isdigit() for ch in fragment)
            or (fragment.isupper() and len(fragment) >= 2)
            or len(fragment) <= 2
            or not first_word[:1].isalpha()
            or first_word[:1].isupper()
        ):
            return len(text), ""
        return len(text) - 1, ""
    return len(text), " "


def furniture_blocks(furniture: list[tuple[str, PdfLine]], patterns: tuple[str, ...]) -> list[Block]:
    out = []
    for zone, line in furniture:
        out.append(
            Block(
                index=0,
                kind=BlockKind.HEADER if zone == "top" else BlockKind.FOOTER,
                text=line.text,
                place=Place(page=line.page, line=line.number),
                segments=_line_segments(line),
                style=_style(line),
                bold=line.bold,
                placeholders=find_placeholders(line.text, patterns),
            )
        )
    return out


def _line_segments(line: PdfLine):
    builder = TextBuilder()
    builder.add(line.text, page=line.page, line=line.number, offset=0)
    return builder.segments
