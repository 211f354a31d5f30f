"""Sentences and words of blocks, for structure detection.

Structure detection reads the sentences the NLP stage found; a block the analysis left without
sentences (an empty analysis, a backend that skipped it) is split by punctuation instead, so the
outline never depends on a tagger's mood."""

from __future__ import annotations

import re
from dataclasses import dataclass

from klarsprak.model import Block, BlockKind, Document

WORD = re.compile(r"[\w][\w:.-]*\w|\w", re.UNICODE)
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"”(]*[A-ZÅÄÖÉ])")
SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s*$")


@dataclass(frozen=True, slots=True)
class Sent:
    block: int
    start: int  # offsets into Block.text
    end: int
    text: str


def split_sentences(block: Block) -> list[Sent]:
    text = block.text
    out: list[Sent] = []
    pos = 0
    for m in _SPLIT.finditer(text):
        _append(out, block.index, text, pos, m.start())
        pos = m.end()
    _append(out, block.index, text, pos, len(text))
    return out


def _append(out: list[Sent], block: int, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sent(block, start, end, text[start:end]))


def sentences_by_block(document: Document, analysis) -> dict[int, list[Sent]]:
    by_block: dict[int, list[Sent]] = {}
    for s in getattr(analysis, "sentences", []) or []:
        by_block.setdefault(s.block, []).append(Sent(s.block, s.start, s.end, s.text))
    for block in document.blocks:
        if block.index not in by_block and block.text.strip():
            by_block[block.index] = split_sentences(block)
    return by_block


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def ends_like_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def is_running_text(block: Block) -> bool:
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)


def is_short_line(block: Block, max_words: int = 12, max_chars: int = 90) -> bool:
    t = block.text.strip()
    return bool(t) and len(t) <= max_chars and len(t.split()) <= max_words and not re.search(r"[.,;!?]$", t)
