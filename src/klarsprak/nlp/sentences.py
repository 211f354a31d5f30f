"""Sentence boundaries fixed before the statistical sentence splitter runs.

The senter respects boundaries that are already set, so rules that must always hold go here:
a list item or bullet at the start of a line starts a sentence, a blank line ends one, and a
sentence never ends after an abbreviation ("bl.a.", "kap.") when a lower-case word, a digit or
"§" follows ("enligt 2 kap. 1 § socialtjänstlagen").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from klarsprak.nlp.tokenizer import BULLETS, abbreviation_forms

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


def _marker_length(doc: Doc, i: int) -> int:
    """Tokens in the bullet or list marker at ``i`` ("▶"; "–", "1 )", "a ." at a line start), else 0."""
    text = doc[i].text
    if text in BULLETS:
        return 1
    if not (i == 0 or "\n" in doc[i - 1].text):
        return 0
    if text in LINE_START_MARKERS or _NUMBERED.match(text):
        return 1
    if _MARKER_LABEL.match(text) and i + 1 < len(doc) and doc[i + 1].text in (")", "."):
        return 2
    return 0


def _attached_left(doc: Doc, i: int) -> bool:
    return i > 0 and not doc[i - 1].whitespace_ and not doc[i - 1].is_space


def preset(doc: Doc) -> Doc:
    """Set the sentence starts that rules decide; leave the rest to the senter."""
    abbrs = abbreviation_forms()
    inside_marker = 0
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
        if tok.is_space:
            continue
        marker = _marker_length(doc, i)
        if inside_marker > 0:
            tok.is_sent_start = False  # the rest of a marker and the item's first word
            inside_marker -= 1
            continue
        if i == 0:
            inside_marker = marker
            continue
        prev = doc[i - 1]
        if marker:
            tok.is_sent_start = True
            inside_marker = marker
        elif prev.is_space and prev.text.count("\n") >= 2:
            tok.is_sent_start = True  # a blank line ends a sentence
        elif (prev.lower_ in abbrs or _ABBREV_SHAPE.match(prev.lower_)) and _CONTINUES.match(tok.text):
            tok.is_sent_start = False
        elif tok.text in QUOTES and not prev.whitespace_ and not prev.is_space:
            tok.is_sent_start = False  # a closing quote stays with its sentence: "… barn.' Nästa"
        elif prev.text in QUOTES and not prev.whitespace_ and not _attached_left(doc, i - 1):
            tok.is_sent_start = False  # an opening quote stays with its first word
        elif not prev.is_space and (prev.is_alpha or prev.like_num) and not _INITIAL.match(prev.text):
            tok.is_sent_start = False  # within a line, a sentence ends with punctuation
        elif _INITIAL.match(prev.text):
            tok.is_sent_start = False  # "A. I. Rabin"
        elif prev.text in ("§", "§§") or (prev.like_num and tok.text in ("§", "§§", "kap.", "kap")):
            tok.is_sent_start = False
    return doc
