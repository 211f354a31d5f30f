"""Markdown reader: ATX and setext headings, lists, block quotes, pipe tables and paragraphs.

Skipped (their lines still count for line numbers): YAML/TOML front matter, fenced and indented
code blocks, HTML comments, thematic breaks and link reference definitions. Inline markup is
removed from ``Block.text`` (see :mod:`md_inline`); every remaining character maps to its exact
source line and column. Inline code stays in the text but is marked as a placeholder span.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from klarsprak.extract.builder import TextBuilder
from klarsprak.extract.md_inline import Piece, strip_inline
from klarsprak.extract.placeholders import find as find_placeholders
from klarsprak.extract.placeholders import merge
from klarsprak.extract.text import split_lines
from klarsprak.model import Block, BlockKind, Document, Place

ATX = re.compile(r" {0,3}(#{1,6})(?:[ \t]+|$)")
ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|^#+[ \t]*$")
SETEXT = re.compile(r" {0,3}(=+|-+)[ \t]*$")
THEMATIC = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
LIST_ITEM = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)(?:\[[ xX]\][ \t]+)?")
QUOTE = re.compile(r" {0,3}>[ \t]?")
LINK_DEF = re.compile(r" {0,3}\[[^\]]+\]:[ \t]*\S")
TABLE_SEPARATOR = re.compile(r"[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
INDENTED_CODE = re.compile(r"(?: {4}|\t)")


@dataclass
class _Pending:
    kind: BlockKind
    line: int
    column: int
    level: int | None = None
    style: str | None = None
    lines: list[tuple[int, list[Piece]]] = field(default_factory=list)
    table: str | None = None
    row: int | None = None
    cell: int | None = None


class _Reader:
    def __init__(self, source: str, patterns: tuple[str, ...]):
        self.lines = split_lines(source)
        self.patterns = patterns
        self.blocks: list[Block] = []
        self.pending: _Pending | None = None
        self.tables = 0

    # --- block assembly -------------------------------------------------------------------
    def start(self, kind: BlockKind, number: int, column: int, **kw) -> None:
        self.flush()
        self.pending = _Pending(kind, number, column, **kw)

    def add_line(self, number: int, content: str, column: int) -> None:
        stripped = content.strip()
        if not stripped:
            return
        column += len(content) - len(content.lstrip())
        pieces = strip_inline(stripped, column)
        if self.pending is None:
            self.pending = _Pending(BlockKind.PARAGRAPH, number, column)
        self.pending.lines.append((number, pieces))

    def flush(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        builder = TextBuilder()
        code_spans: list[tuple[int, int]] = []
        previous_end: tuple[int, int] | None = None
        for number, pieces in pending.lines:
            if not pieces:
                continue
            if previous_end is not None and builder.length:
                builder.add(" ", line=previous_end[0], column=previous_end[1], synthetic=True)
            for piece in pieces:
                if piece.code:
                    code_spans.append((builder.length, builder.length + len(piece.text)))
                builder.add(piece.text, line=number, column=piece.column)
            last = pieces[-1]
            previous_end = (number, last.column + len(last.text))
        full = builder.text
        text, segments = builder.stripped()
        if not text:
            return
        shift = len(full) - len(full.lstrip())
        code_spans = [(max(0, a - shift), min(len(text), b - shift)) for a, b in code_spans]
        code_spans = [(a, b) for a, b in code_spans if b > a]
        first = segments[0]
        self.blocks.append(
            Block(
                index=len(self.blocks),
                kind=pending.kind,
                text=text,
                place=Place(line=first.line, column=first.column, table=pending.table, row=pending.row, cell=pending.cell),
                segments=segments,
                level=pending.level,
                style=pending.style,
                placeholders=merge(find_placeholders(text, self.patterns) + code_spans),
            )
        )

    # --- line scanning ----------------------------------------------------------------------
    def run(self) -> list[Block]:
        i = self._skip_front_matter()
        after_blank = True
        in_list = False
        while i < len(self.lines):
            raw = self.lines[i]
            number = i + 1
            if not raw.strip():
                self.flush()
                after_blank = True
                i += 1
                continue
            fence = FENCE.match(raw)
            if fence:
                self.flush()
                i = self._skip_fence(i, fence.group(1))
                after_blank = True
                continue
            if raw.lstrip().startswith("<!--") and "-->" not in raw.split("<!--", 1)[1]:
                self.flush()
                i = self._skip_comment(i)
                after_blank = True
                continue
            if after_blank and not in_list and INDENTED_CODE.match(raw):
                self.flush()
                while i < len(self.lines) and (not self.lines[i].strip() or INDENTED_CODE.match(self.lines[i])):
                    i += 1
                continue
            i = self._line(i, raw, number, after_blank)
            in_list = self.blocks_in_list(in_list, after_blank, raw)
            after_blank = False
        self.flush()
        return self.blocks

    def blocks_in_list(self, in_list: bool, after_blank: bool, raw: str) -> bool:
        if self.pending is not None and self.pending.kind == BlockKind.LIST_ITEM:
            return True
        return in_list and not (after_blank and not raw[:1].isspace())

    def _line(self, i: int, raw: str, number: int, after_blank: bool) -> int:
        pending = self.pending
        # Setext underline under an open paragraph.
        setext = SETEXT.match(raw)
        if setext and pending is not None and pending.kind == BlockKind.PARAGRAPH and pending.style is None:
            pending.kind = BlockKind.HEADING
            pending.level = 1 if setext.group(1)[0] == "=" else 2
            pending.style = "setext"
            self.flush()
            return i + 1
        if THEMATIC.match(raw) or LINK_DEF.match(raw):
            self.flush()
            return i + 1
        atx = ATX.match(raw)
        if atx:
            self.start(BlockKind.HEADING, number, 1, level=len(atx.group(1)), style="#" * len(atx.group(1)))
            content = raw[atx.end():]
            close = ATX_CLOSE.search(content)
            if close:
                content = content[: close.start()]
            self.add_line(number, content, atx.end() + 1)
            self.flush()
            return i + 1
        if "|" in raw and i + 1 < len(self.lines) and TABLE_SEPARATOR.match(self.lines[i + 1]) and "-" in self.lines[i + 1]:
            return self._table(i)
        quote = QUOTE.match(raw)
        if quote:
            end = quote.end()
            while QUOTE.match(raw, end):
                end = QUOTE.match(raw, end).end()
            if pending is None or pending.style != "quote" or after_blank:
                self.start(BlockKind.PARAGRAPH, number, end + 1, style="quote")
            self.add_line(number, raw[end:], end + 1)
            return i + 1
        item = LIST_ITEM.match(raw)
        if item and raw[item.end():].strip():
            indent = len(item.group(1).expandtabs(4))
            self.start(BlockKind.LIST_ITEM, number, item.end() + 1, level=min(indent // 2, 8), style=item.group(2))
            self.add_line(number, raw[item.end():], item.end() + 1)
            return i + 1
        if after_blank and pending is None and raw[:1].isspace() and self.blocks and self.blocks[-1].kind == BlockKind.LIST_ITEM:
            # An indented paragraph after a list item continues the item's content.
            self.start(BlockKind.PARAGRAPH, number, 1, level=self.blocks[-1].level)
        self.add_line(number, raw, 1)
        return i + 1

    def _table(self, i: int) -> int:
        self.flush()
        table = str(self.tables)
        self.tables += 1
        row = 0
        while i < len(self.lines) and "|" in self.lines[i]:
            raw = self.lines[i]
            if row == 1 and TABLE_SEPARATOR.match(raw):
                i += 1
                row += 1
                continue
            for cell, (start, end) in enumerate(_cells(raw)):
                self.start(BlockKind.TABLE_CELL, i + 1, start + 1, table=table, row=row if row == 0 else row - 1, cell=cell)
                self.add_line(i + 1, raw[start:end], start + 1)
            self.flush()
            row += 1
            i += 1
        return i

    def _skip_front_matter(self) -> int:
        if not self.lines or self.lines[0].rstrip() not in ("---", "+++"):
            return 0
        closers = ("---", "...") if self.lines[0].rstrip() == "---" else ("+++",)
        for j in range(1, len(self.lines)):
            if self.lines[j].rstrip() in closers:
                return j + 1
        return 0  # no closing line: not front matter

    def _skip_fence(self, i: int, opener: str) -> int:
        closing = re.compile(r" {0,3}" + re.escape(opener[0]) + "{" + str(len(opener)) + r",}[ \t]*$")
        j = i + 1
        while j < len(self.lines) and not closing.match(self.lines[j]):
            j += 1
        return j + 1

    def _skip_comment(self, i: int) -> int:
        j = i + 1
        while j < len(self.lines) and "-->" not in self.lines[j]:
            j += 1
        return j + 1


def _cells(raw: str) -> list[tuple[int, int]]:
    """Column ranges of a pipe-table row's cells (escaped pipes ``\\|`` stay in the cell)."""
    bars = [m.start() for m in re.finditer(r"(?<!\\)\|", raw)]
    content = raw.strip()
    lead = len(raw) - len(raw.lstrip())
    edges = [lead - 1] if not content.startswith("|") else []
    edges += bars
    if not content.endswith("|") or content.endswith("\\|"):
        edges.append(len(raw.rstrip()))
    return [(edges[k] + 1, edges[k + 1]) for k in range(len(edges) - 1)]


def read_md(source: str, path: str | None, encoding: str | None, config=None, warnings=None) -> Document:
    patterns = tuple(getattr(config, "placeholder_patterns", ()) or ())
    blocks = _Reader(source, patterns).run()
    return Document(path=path, format="md", blocks=blocks, encoding=encoding, source_text=source,
                    warnings=list(warnings or []))
