"""Sentence boundaries fixed before the statistical sentence splitter runs.

The senter respects boundaries that are already set, so rules that must always hold go here:
a list item or bullet at the start of a line starts a sentence, a blank line ends one, and a
sentence never ends after an abbreviation ("bl.a.", "kap.") when a lower-case word, a digit or
"§" follows ("enligt 2 kap. 1 § socialtjänstlagen").
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START, SPACY
from spacy.tokens import Doc

from klarsprak.nlp.tokenizer import BULLET_SET, BULLETS, abbreviation_forms

QUOTES = {"'", '"', "”", "“", "»", "«", "’", "‘"}
LINE_START_MARKERS = set(BULLETS) | {"–", "-", "—", "*", "o"}
_NUMBERED = re.compile(r"^(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})[.)]$")
_MARKER_LABEL = re.compile(r"^(?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,4})$")
_INITIAL = re.compile(r"^[A-ZÅÄÖ]\.$")
_ABBREV_SHAPE = re.compile(r"^(?:[a-zåäö]{1,4}\.){2,}$")  # unlisted abbreviations like "p.s.s."
_CONTINUES = re.compile(r"^(?:[a-zåäö]|\d|§)")


def is_abbreviation(text: str) -> bool:
    lower = text.lower()
    return lower in abbreviation_forms() or bool(_ABBREV_SHAPE.match(lower))


def _marker_length(texts: list[str], i: int) -> int:
    """Tokens in the bullet or list marker at ``i`` ("▶"; "–", "1 )", "a ." at a line start), else 0."""
    text = texts[i]
    if text in BULLET_SET:
        return 1
    if not (i == 0 or "\n" in texts[i - 1]):
        return 0
    if text in LINE_START_MARKERS or _NUMBERED.match(text):
        return 1
    if _MARKER_LABEL.match(text) and i + 1 < len(texts) and texts[i + 1] in (")", "."):
        return 2
    return 0


def preset(doc: Doc) -> Doc:
    """Set the sentence starts that rules decide (1 start, -1 no start); leave 0 to the senter."""
    texts, _, spaces, glued = token_columns(doc)
    apply(doc, rule_starts(texts, spaces, glued))
    return doc


def token_columns(doc: Doc) -> tuple[list[str], list[int], list[bool], list[bool]]:
    """(texts, start offsets, is-space, no-whitespace-after) of every token.

    Read as arrays: building a spaCy Token object per token cost more than the rules themselves."""
    if len(doc) == 0:
        return [], [], [], []
    text = doc.text
    rows = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).tolist()
    return ([text[i : i + n] for i, n, _, _ in rows], [r[0] for r in rows], [bool(r[3]) for r in rows],
            [not r[2] for r in rows])


def apply(doc: Doc, starts: list[int]) -> None:
    if starts:
        doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64").reshape(len(starts), 1))


def rule_starts(texts: list[str], spaces: list[bool], glued: list[bool]) -> list[int]:
    """Sentence starts by rule for tokens ``texts``: 1 start, -1 no start, 0 left to the senter."""
    n = len(texts)
    if n == 0:
        return []
    abbrs = abbreviation_forms()
    starts = [0] * n
    starts[0] = 1
    inside_marker = 0
    for i in range(n):
        if spaces[i]:
            continue
        text = texts[i]
        marker = _marker_length(texts, i)
        if inside_marker > 0:
            starts[i] = -1  # the rest of a marker and the item's first word
            inside_marker -= 1
            continue
        if i == 0:
            inside_marker = marker
            continue
        prev = texts[i - 1]
        if marker:
            starts[i] = 1
            inside_marker = marker
        elif spaces[i - 1]:
            if prev.count("\n") >= 2:
                starts[i] = 1  # a blank line ends a sentence
        elif (prev.lower() in abbrs or _ABBREV_SHAPE.match(prev.lower())) and _CONTINUES.match(text):
            starts[i] = -1
        elif text in QUOTES and glued[i - 1]:
            starts[i] = -1  # a closing quote stays with its sentence: "… barn.' Nästa"
        elif prev in QUOTES and glued[i - 1] and not (i > 1 and glued[i - 2] and not spaces[i - 2]):
            starts[i] = -1  # an opening quote stays with its first word
        elif _INITIAL.match(prev):
            starts[i] = -1  # "A. I. Rabin"
        elif prev[-1].isalnum() and not text[0].isupper():
            starts[i] = -1  # within a line, only a heading run into the text ends without punctuation
        elif prev in ("§", "§§"):
            starts[i] = -1
    return starts
