"""Standard wordings: paragraphs that recur word for word across many documents of a batch scan.

A paragraph copied into every decision is rarely adapted to the person who reads it (KS407). The
batch scan calls :func:`standard_wordings` on the documents it has read and names the paragraphs
found in at least ``min_documents`` of them, so an organisation can rewrite each one once."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Iterable

from klarsprak.model import BlockKind, Document

_SPACE = re.compile(r"\s+")
_RUNNING = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE)


@dataclass
class StandardWording:
    text: str  # the paragraph as it first appeared
    documents: list[str] = field(default_factory=list)  # paths, in the order they were read
    blocks: list[tuple[str, int]] = field(default_factory=list)  # (path, block index) of each occurrence

    def as_dict(self) -> dict:
        return {"text": self.text, "count": len(self.documents), "documents": list(self.documents)}


def fingerprint(text: str) -> str:
    """The same words in the same order, whatever the spacing and case."""
    norm = _SPACE.sub(" ", text).strip().lower()
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()


def standard_wordings(
    documents: Iterable[Document], min_documents: int = 3, min_words: int = 20
) -> list[StandardWording]:
    """Paragraphs of at least ``min_words`` words found in ``min_documents`` documents or more,
    most widespread first. Headers and footers are left out (they repeat by design)."""
    seen: dict[str, StandardWording] = {}
    for doc in documents:
        path = doc.path or "<text>"
        counted: set[str] = set()
        for block in doc.blocks:
            if block.kind not in _RUNNING or len(block.text.split()) < min_words:
                continue
            key = fingerprint(block.text)
            entry = seen.setdefault(key, StandardWording(text=block.text))
            entry.blocks.append((path, block.index))
            if key not in counted:
                counted.add(key)
                entry.documents.append(path)
    found = [w for w in seen.values() if len(w.documents) >= min_documents]
    return sorted(found, key=lambda w: (-len(w.documents), w.text))
