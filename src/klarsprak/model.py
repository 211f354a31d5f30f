"""The document model: what text a user's file holds and where each character came from.

Every reader (one per format, in ``klarsprak.extract``) produces a :class:`Document`: an ordered
list of :class:`Block` objects. A block's ``text`` is what the NLP and the checks see; its
``segments`` map every character of that text back to the source (a docx run, a PDF page/line, a
text line/column), so a finding can be located, shown in context and written back into the file.

Offsets are Python string indices (code points) into ``Block.text``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum


class BlockKind(str, Enum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list_item"
    TABLE_CELL = "table_cell"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"

    @property
    def is_running_text(self) -> bool:
        """Running prose: judged by sentence rules on the usual terms."""
        return self in (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)

    @property
    def is_page_furniture(self) -> bool:
        """Headers and footers: Word allows no comments there."""
        return self in (BlockKind.HEADER, BlockKind.FOOTER)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a block sits in its source file. Fields that do not apply to a format are None.

    docx: ``part`` (e.g. ``word/document.xml``, ``word/header1.xml``), ``paragraph`` (index of the
    ``w:p`` among all paragraphs of that part, in document order, nested tables included),
    ``table``/``row``/``cell`` for table cells (``table`` is a path such as ``"2"`` or ``"2.0.1.0"``
    for a table nested in row 0, cell 1 of table 2).
    pdf: ``page`` (1-based) and ``line`` (1-based line on that page where the block starts).
    txt/md: ``line`` and ``column`` (1-based) where the block starts.
    """

    part: str | None = None
    paragraph: int | None = None
    table: str | None = None
    row: int | None = None
    cell: int | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__ if getattr(self, k) is not None}


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of block text ``[start, end)`` that came from one contiguous place in the source.

    docx: ``run`` is the index of the ``w:r`` (or ``w:t``-bearing element) within the paragraph
    ``Place.paragraph`` of ``Place.part`` in document order; ``offset`` is the character offset
    inside that run's text where this segment starts.
    pdf: ``page``/``line`` of the source line; ``offset`` is the character index in that line.
    txt/md: ``line``/``column`` (1-based) of the segment's first character; a segment never
    crosses a line break of the source.
    ``synthetic`` marks text the reader made up (a space joining two PDF lines, a repaired
    hyphenation): it maps to the nearest source position but must not be written back.
    """

    start: int
    end: int
    run: int | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None
    offset: int = 0
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class SourcePoint:
    """One character's origin, as returned by :meth:`Block.locate`."""

    run: int | None = None
    run_offset: int | None = None
    page: int | None = None
    line: int | None = None
    column: int | None = None
    synthetic: bool = False


def _segment_start(segment: Segment) -> int:
    return segment.start


@dataclass(slots=True)
class Block:
    index: int
    kind: BlockKind
    text: str
    place: Place
    segments: list[Segment] = field(default_factory=list)
    level: int | None = None  # heading level 1-6, list nesting level (0-based)
    style: str | None = None  # docx style name, md marker, pdf font description
    bold: bool = False  # the whole block is bold (a heading candidate in docx/pdf)
    placeholders: list[tuple[int, int]] = field(default_factory=list)  # spans no rule fires on

    def locate(self, offset: int) -> SourcePoint:
        """The source position of the character at ``offset`` (clamped into the text)."""
        if not self.segments:
            return SourcePoint(page=self.place.page, line=self.place.line, column=self.place.column)
        offset = max(0, min(offset, max(len(self.text) - 1, 0)))
        # a key, not a list of starts: a long PDF paragraph has thousands of segments per question
        i = max(0, bisect.bisect_right(self.segments, offset, key=_segment_start) - 1)
        seg = self.segments[i]
        delta = max(0, min(offset - seg.start, max(seg.end - seg.start - 1, 0)))
        return SourcePoint(
            run=seg.run,
            run_offset=None if seg.run is None else seg.offset + delta,
            page=seg.page,
            line=seg.line,
            column=None if seg.column is None else seg.column + delta,
            synthetic=seg.synthetic,
        )

    def in_placeholder(self, start: int, end: int) -> bool:
        """True when ``[start, end)`` overlaps a template placeholder."""
        return any(s < end and start < e for s, e in self.placeholders)


@dataclass(slots=True)
class Document:
    path: str | None
    format: str  # docx | dotx | pdf | txt | md
    blocks: list[Block]
    encoding: str | None = None  # for text formats: the encoding that was detected
    pages: int | None = None  # for pdf
    source_text: str | None = None  # for txt/md: the decoded source, for context lines and fixes
    warnings: list[str] = field(default_factory=list)  # Swedish, one line each
    meta: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(b.text for b in self.blocks)

    def word_count(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks)
