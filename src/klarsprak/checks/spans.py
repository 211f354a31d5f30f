"""Per-document indexes for the position questions rules ask again and again: does a span touch a
placeholder or a synthetic segment, which sentence holds an offset.

A scan of the block's placeholders, segments or sentences per question is quadratic in the length
of a block: a 40 000-word paragraph (PDF text without breaks) has thousands of each and thousands
of questions. These answer in O(log n) with exactly the scan's result.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context
    from klarsprak.model import Block
    from klarsprak.nlp.types import Sentence


class Intervals:
    """Half-open spans ``[s, e)``, sorted by start with the furthest end reached so far: a binary
    search answers for all of them at once (overlapping and nested spans too)."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = []  # the largest end among the spans up to here
        top = None
        for _, e in ordered:
            top = e if top is None or e > top else top
            self.reach.append(top)

    def overlaps(self, start: int, end: int) -> bool:
        """``any(s < end and start < e)``: a span shares a character with ``[start, end)``."""
        n = bisect_left(self.starts, end)  # the spans that start before ``end``
        return n > 0 and self.reach[n - 1] > start

    def covers(self, start: int, end: int) -> bool:
        """``any(s <= start and end <= e)``: one span holds all of ``[start, end)``."""
        n = bisect_right(self.starts, start)  # the spans that start at or before ``start``
        return n > 0 and self.reach[n - 1] >= end


def _block_intervals(shared: dict, key: str, block: "Block", spans) -> Intervals:
    index = shared.setdefault(key, {})
    found = index.get(block.index)
    if found is None:
        found = index[block.index] = Intervals(spans(block))
    return found


def in_placeholder(shared: dict, block: "Block", start: int, end: int) -> bool:
    """``block.in_placeholder(start, end)``, from an index built once per block and document."""
    if not block.placeholders:
        return False
    return _block_intervals(shared, "_placeholder_spans", block, lambda b: b.placeholders).overlaps(start, end)


def touches_synthetic(shared: dict, block: "Block", start: int, end: int) -> bool:
    """True when ``[start, end)`` touches text the reader made up (joined lines, repaired hyphens)."""
    if not block.segments:
        return False
    spans = _block_intervals(
        shared, "_synthetic_spans", block, lambda b: [(s.start, s.end) for s in b.segments if s.synthetic]
    )
    return spans.overlaps(start, end)


class SentenceIndex:
    """The sentences of one block in analysis order; :meth:`first_holding` finds the first one
    with ``s.start <= offset < end(s)`` as a scan in that order would."""

    __slots__ = ("sentences", "starts", "reach", "reach_nonempty", "ordered")

    def __init__(self, sentences: list["Sentence"]):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self.reach, self.reach_nonempty = [], []
        top = top1 = -1
        for s in sentences:
            top = max(top, s.end)
            top1 = max(top1, s.end, s.start + 1)
            self.reach.append(top)
            self.reach_nonempty.append(top1)

    def first_holding(self, offset: int, empty_holds_start: bool = False) -> "Sentence | None":
        """``empty_holds_start``: a sentence of no characters holds its own start offset."""
        if not self.ordered:  # never seen, but then only a scan gives the scan's answer
            for s in self.sentences:
                if s.start <= offset < (max(s.end, s.start + 1) if empty_holds_start else s.end):
                    return s
            return None
        last = bisect_right(self.starts, offset) - 1  # the sentences that start at or before offset
        first = bisect_right(self.reach_nonempty if empty_holds_start else self.reach, offset)
        return self.sentences[first] if first <= last else None


def sentence_index(ctx: "Context", block: int) -> SentenceIndex:
    index = ctx.shared.get("_sentence_index")
    if index is None:
        index = ctx.shared["_sentence_index"] = {}
    found = index.get(block)
    if found is None:
        found = index[block] = SentenceIndex(ctx.block_sentences(block))
    return found


def block_words(ctx: "Context", block: "Block") -> int:
    """``len(block.text.split())``, counted once per block and document."""
    counts = ctx.shared.get("_block_words")
    if counts is None:
        counts = ctx.shared["_block_words"] = {}
    n = counts.get(block.index)
    if n is None:
        n = counts[block.index] = len(block.text.split())
    return n
