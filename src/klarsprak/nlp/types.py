"""What the NLP stage hands to the checks. Checks import these types, never spaCy.

A backend turns a :class:`klarsprak.model.Document` into an :class:`Analysis`: the tokens and
sentences of every block, with character offsets into ``Block.text``. Blocks are analysed one by
one, so a sentence never crosses a block (headings and list items always end a sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from klarsprak.model import Document


@dataclass(slots=True)
class Token:
    i: int  # index in Analysis.tokens
    text: str
    lemma: str  # lower-case lemma; falls back to the lower-cased form
    upos: str  # UD part of speech: NOUN, VERB, AUX, ...
    xpos: str  # SUC tag, e.g. "VB|PRS|SFO"
    feats: str  # UD features, e.g. "Mood=Ind|Tense=Pres|VerbForm=Fin|Voice=Pass" ("" when none)
    block: int  # index into Document.blocks
    start: int  # character offsets into Block.text
    end: int
    sent: int  # index into Analysis.sentences
    ws: str = ""  # whitespace after the token
    dep: str = ""  # UD relation; "" when the sentence was not parsed
    head: int = -1  # index in Analysis.tokens of the head (itself for the root); -1 when not parsed
    passive: bool = False  # a passive verb form (s-passive or bli/vara + participle), deponents excluded
    placeholder: bool = False  # inside a template placeholder: no rule fires on it

    def feat(self, name: str) -> str | None:
        for pair in self.feats.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.upos not in ("PUNCT", "SYM", "SPACE", "X") and any(c.isalpha() for c in self.text)

    @property
    def is_finite_verb(self) -> bool:
        return self.upos in ("VERB", "AUX") and self.feat("VerbForm") == "Fin"


@dataclass(slots=True)
class Sentence:
    i: int
    block: int
    start: int  # character offsets into Block.text
    end: int
    first: int  # token index range [first, last) in Analysis.tokens
    last: int
    text: str
    parsed: bool = False


@dataclass(slots=True)
class Analysis:
    document: Document
    tokens: list[Token] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    backend: dict = field(default_factory=dict)  # {"name": ..., "model": ..., "version": ...}

    def sentence_tokens(self, sentence: Sentence) -> list[Token]:
        return self.tokens[sentence.first : sentence.last]

    def block_sentences(self, block: int) -> list[Sentence]:
        return [s for s in self.sentences if s.block == block]

    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.is_word]


class Backend(Protocol):
    """One interface for every NLP backend (embedded pipeline, a user's spaCy model, ...)."""

    name: str

    def info(self) -> dict:
        """{"name": ..., "model": ..., "version": ...}: recorded in every report."""
        ...

    def analyse(self, document: Document, parse: bool = False) -> Analysis:
        """Tokens, sentences, tags, morphology, lemmas and passive flags for every block.

        With ``parse=False`` the dependency parser is not run (``dep``/``head`` stay empty)."""
        ...

    def parse(self, analysis: Analysis, sentences: list[int]) -> None:
        """Add dependency relations to the given sentences in place (sets ``Sentence.parsed``)."""
        ...
