"""Plain-text reader: blank-line separated paragraphs, headings and list items found by heuristics.

Headings: a short line alone between blank lines that does not end like a sentence and is
followed by body text (not by another short line: that is an address or a signature), a line in
CAPITALS, or a numbered line such as ``1.2 Rubrik``. List items: lines starting with ``- ``,
``• ``, ``1. ``, ``a) `` and similar; lines after an item continue it. Lines of one paragraph are
joined by a synthetic space mapped to the line break. Segments give 1-based line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klarsprak.extract.builder import TextBuilder
from klarsprak.extract.placeholders import find as find_placeholders
from klarsprak.model import Block, BlockKind, Document, Place

LINE_BREAK = re.compile(r"\r\n|\r|\n")
LIST_MARKER = re.compile(r"([-–—•*▪●◦‣▶►✓]|\d{1,3}[.)]|[a-zåäö][.)]|\(\d{1,3}\)|\([a-zåäö]\))[ \t]+(?=\S)")
NUMBERED_HEADING = re.compile(r"(\d{1,2}(?:\.\d{1,2}){0,4})\.?[ \t]+(?=[A-ZÅÄÖÉ])")
SENTENCE_END = tuple(".,;:!")
MAX_HEADING_CHARS = 80
MAX_HEADING_WORDS = 12


@dataclass
class Line:
    """One source line: its content without surrounding whitespace and where that content starts."""

    number: int  # 1-based
    column: int  # 1-based column of text[0]
    text: str


def split_lines(source: str) -> list[str]:
    return LINE_BREAK.split(source)


def stripped_line(number: int, raw: str) -> Line:
    content = raw.strip()
    column = 1 + (len(raw) - len(raw.lstrip())) if content else 1
    return Line(number, column, content)


def read_txt(source: str, path: str | None, encoding: str | None, config=None, warnings=None) -> Document:
    raw_lines = split_lines(source)
    lines = [stripped_line(i + 1, raw) for i, raw in enumerate(raw_lines)]
    groups = _groups(lines)
    patterns = tuple(getattr(config, "placeholder_patterns", ()) or ())
    short = 0.6 * _wrap_width(lines)
    blocks: list[Block] = []
    tables = 0
    first_heading = True
    for group, heading in zip(groups, _heading_levels(groups)):
        if heading:
            level, style = heading
            if style == "line":
                level = 1 if first_heading else 2
            first_heading = False
            _emit(blocks, BlockKind.HEADING, [group[0]], patterns, level=level, style=style)
            continue
        for kind, members, level, style, row in _units(group, raw_lines, short):
            if kind == BlockKind.TABLE_CELL:
                if row == 0:
                    tables += 1
                for cell, piece in enumerate(_cells(members[0])):
                    _emit(blocks, kind, [piece], patterns, table=(str(tables - 1), row, cell))
            else:
                _emit(blocks, kind, members, patterns, level=level, style=style)
    return Document(path=path, format="txt", blocks=blocks, encoding=encoding, source_text=source,
                    warnings=list(warnings or []))


def _wrap_width(lines: list[Line]) -> float:
    """The width a hard-wrapped text is wrapped at (90th percentile of line lengths); long for
    text with one paragraph per line."""
    lengths = sorted(len(line.text) for line in lines if line.text)
    if not lengths:
        return 60.0
    return max(60.0, float(lengths[int(0.9 * (len(lengths) - 1))]))


def _cells(line: Line) -> list[Line]:
    out = []
    for m in re.finditer(r"[^\t]+", line.text):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append(Line(line.number, line.column + m.start() + lead, piece.strip()))
    return out


def _groups(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def _short_title(text: str) -> bool:
    return (
        len(text) <= MAX_HEADING_CHARS
        and len(text.split()) <= MAX_HEADING_WORDS
        and not text.endswith(SENTENCE_END)
        and (text[0].isupper() or text[0].isdigit())
        and any(c.isalpha() for c in text)
    )


def _is_body(group: list[Line]) -> bool:
    """Running text: sentences or list items, not an address block or a signature."""
    return (
        any(line.text.endswith((".", "!", "?", ":")) or LIST_MARKER.match(line.text) for line in group)
        or sum(len(line.text) for line in group) > 100
    )


def _heading_levels(groups: list[list[Line]]) -> list[tuple[int, str] | None]:
    """Decided from the last group backwards: a plain short line is a heading when body text or
    another heading follows it."""
    out: list[tuple[int, str] | None] = [None] * len(groups)
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if len(group) != 1 or not _short_title(group[0].text):
            continue
        text = group[0].text
        following = groups[i + 1] if i + 1 < len(groups) else None
        if _is_caps(text):
            out[i] = (1, "caps")
            continue
        if following is None:
            continue
        numbered = NUMBERED_HEADING.match(text)
        if numbered:
            out[i] = (min(6, numbered.group(1).count(".") + 1), "numbered")
        elif not LIST_MARKER.match(text) and (out[i + 1] is not None or _is_body(following)):
            out[i] = (2, "line")  # the reader makes the first such heading level 1
    return out


def _units(group: list[Line], raw_lines: list[str], short: float):
    """Split a group into paragraphs, list items (with their continuation lines) and table rows.

    Lines with tabs make table rows when the group holds at least two of them. A short line ends
    its paragraph: in wrapped text only the last line of a paragraph is short, so a short line
    inside a group is an address line, a signature or one of several one-line paragraphs."""
    tabbed = sum("\t" in line.text for line in group) >= 2
    kind, members, level, style = BlockKind.PARAGRAPH, [], None, None
    row = 0
    for line in group:
        marker = LIST_MARKER.match(line.text)
        if tabbed and "\t" in line.text:
            if members:
                yield kind, members, level, style, None
                members = []
            yield BlockKind.TABLE_CELL, [line], None, None, row
            row += 1
            continue
        if marker:
            if members:
                yield kind, members, level, style, None
            indent = raw_lines[line.number - 1][: line.column - 1].expandtabs(4)
            kind, level, style = BlockKind.LIST_ITEM, min(len(indent) // 2, 8), marker.group(1)
            cut = marker.end()
            members = [Line(line.number, line.column + cut, line.text[cut:])]
            continue
        hanging = kind == BlockKind.LIST_ITEM and members and line.column > 1
        if members and not hanging and len(members[-1].text) < short:
            yield kind, members, level, style, None
            members = []
        if not members:
            kind, level, style = BlockKind.PARAGRAPH, None, None
        members.append(line)
    if members:
        yield kind, members, level, style, None


def _emit(blocks, kind, members: list[Line], patterns, level=None, style=None, table=None) -> None:
    builder = TextBuilder()
    for i, line in enumerate(members):
        if i:
            prev = members[i - 1]
            builder.add(" ", line=prev.number, column=prev.column + len(prev.text), synthetic=True)
        builder.add(line.text, line=line.number, column=line.column)
    text = builder.text
    if not text:
        return
    first = members[0]
    blocks.append(
        Block(
            index=len(blocks),
            kind=kind,
            text=text,
            place=Place(
                line=first.number,
                column=first.column,
                table=table[0] if table else None,
                row=table[1] if table else None,
                cell=table[2] if table else None,
            ),
            segments=builder.segments,
            level=level,
            style=style,
            placeholders=find_placeholders(text, patterns),
        )
    )
