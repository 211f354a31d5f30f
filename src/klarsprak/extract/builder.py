"""Builds a block's text piece by piece while recording where every piece came from.

Readers add text with its source (a docx run and offset, a PDF page/line/offset, a text line and
column); adjacent pieces from one contiguous source place merge into one :class:`Segment`.
"""

from __future__ import annotations

from dataclasses import replace

from klarsprak.model import Segment


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self.segments: list[Segment] = []
        self.length = 0

    def add(
        self,
        text: str,
        *,
        run: int | None = None,
        page: int | None = None,
        line: int | None = None,
        column: int | None = None,
        offset: int = 0,
        synthetic: bool = False,
    ) -> None:
        if not text:
            return
        start = self.length
        self._parts.append(text)
        self.length += len(text)
        if self.segments:
            prev = self.segments[-1]
            if _continues(prev, run, page, line, column, offset, synthetic):
                self.segments[-1] = replace(prev, end=self.length)
                return
        self.segments.append(
            Segment(start, self.length, run=run, page=page, line=line, column=column, offset=offset, synthetic=synthetic)
        )

    @property
    def text(self) -> str:
        if len(self._parts) > 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0] if self._parts else ""

    def stripped(self) -> tuple[str, list[Segment]]:
        """The text without leading/trailing whitespace, segments cut to match."""
        text = self.text
        left = len(text) - len(text.lstrip())
        right = len(text.rstrip())
        if right <= left:
            return "", []
        return text[left:right], cut_segments(self.segments, left, right)


def _continues(prev: Segment, run, page, line, column, offset, synthetic) -> bool:
    if prev.synthetic or synthetic or prev.run != run or prev.page != page or prev.line != line:
        return False
    length = prev.end - prev.start
    if column is not None or prev.column is not None:
        return prev.column is not None and column == prev.column + length
    return offset == prev.offset + length


def cut_segments(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """The segments covering ``[start, end)``, re-based so that ``start`` becomes 0."""
    out = []
    for seg in segments:
        s, e = max(seg.start, start), min(seg.end, end)
        if s >= e:
            continue
        delta = s - seg.start
        out.append(
            replace(
                seg,
                start=s - start,
                end=e - start,
                offset=seg.offset + (0 if seg.synthetic else delta),
                column=None if seg.column is None else seg.column + (0 if seg.synthetic else delta),
            )
        )
    return out
