"""Sentences and words of blocks, for structure detection."""

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


def sentences_by_block(document: Document, analysis=None) -> dict[int, list[Sent]]:
    """Sentences of every block, split at a full stop, question or exclamation mark before a capital.

    Structure detection splits on its own rather than reading the tagger's sentences: a statistical
    splitter may cut "4 kap. | 1 § socialtjänstlagen" or run "… 3 § SoL. Nödbistånd beviljas …"
    together, and a decision sentence must come out whole. (``analysis`` is accepted for symmetry.)"""
    return {b.index: split_sentences(b) for b in document.blocks if b.text.strip()}


def words(text: str) -> list[str]:
    return WORD.findall(text)


def lower_words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def ends_like_sentence(text: str) -> bool:
    return bool(SENTENCE_END.search(text))


def furniture(block: Block) -> bool:
    """A header or footer (a plain identity test: this runs for every block in every rule)."""
    return block.kind is BlockKind.HEADER or block.kind is BlockKind.FOOTER


def is_running_text(block: Block) -> bool:
    return block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)


def is_short_line(block: Block, max_words: int = 12, max_chars: int = 90) -> bool:
    t = block.text.strip()
    return bool(t) and len(t) <= max_chars and len(t.split()) <= max_words and not _ENDS_WITH_MARK.search(t)


_ENDS_WITH_MARK = re.compile(r"[.,;!?]$")


def word_count(document: Document, shared: dict | None) -> int:
    """``document.word_count()``, counted once per document (profile detection and structure ask)."""
    if shared is None:
        return document.word_count()
    n = shared.get("_word_count")
    if n is None:
        n = shared["_word_count"] = document.word_count()
    return n
