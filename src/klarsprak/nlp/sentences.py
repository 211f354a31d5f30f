"""Sentence boundaries fixed before the statistical sentence splitter runs.

The senter respects boundaries that are already set, so rules that must always hold go here:
a list item or bullet at the start of a line starts a sentence, a blank line ends one, and a
sentence never ends after an abbreviation ("bl.a.", "kap.") when a lower-case word, a digit or
"§" follows ("enligt 2 kap. 1 § socialtjänstlagen").
"""

from __future__ import annotations

import re

from klarsprak.nlp.spacy_import import spacy  # noqa: F401 - before any spacy.*: spaCy without its CLI
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


def preset(doc: Doc) -> Doc:
    """Set the sentence starts that rules decide (1 start, -1 no start); leave 0 to the senter."""
    texts, _, spaces, glued = token_columns(doc)
    apply(doc, rule_starts(texts, spaces, glued))
    return doc


def token_columns(doc: Doc, text: str | None = None) -> tuple[list[str], list[int], list[bool], list[bool]]:
    """(texts, start offsets, is-space, no-whitespace-after) of every token; ``text`` is ``doc.text``
    when the caller has it (spaCy rebuilds it from a Token object per token).

    Read as arrays: building a spaCy Token object per token cost more than the rules themselves."""
    if len(doc) == 0:
        return [], [], [], []
    if text is None:
        text = doc.text
    starts, lengths, space_after, is_space = doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).T.tolist()
    return ([text[i : i + n] for i, n in zip(starts, lengths)], starts, list(map(bool, is_space)),
            [not s for s in space_after])


def apply(doc: Doc, starts: list[int]) -> None:
    if starts:
        doc.from_array([SENT_START], numpy.asarray(starts, dtype="int64").astype("uint64").reshape(len(starts), 1))


# What the rules ask of a token's text, worked out once per distinct text (the rules run on every
# token; their regular expressions were most of their cost). Fields, by index:
(_P_BULLET, _P_LINE_MARKER, _P_LABEL, _P_ABBREV, _P_CONTINUES, _P_QUOTE, _P_INITIAL, _P_ALNUM_END,
 _P_UPPER_START, _P_SECTION, _P_PARAGRAPH) = range(11)
_PROPERTIES: dict[str, tuple] = {}
_MAX_PROPERTIES = 100_000  # ~25 MB at most; cleared when full


def _properties(text: str) -> tuple:
    props = _PROPERTIES.get(text)
    if props is None:
        if len(_PROPERTIES) >= _MAX_PROPERTIES:
            _PROPERTIES.clear()
        props = _PROPERTIES[text] = (
            text in BULLET_SET,
            text in LINE_START_MARKERS or bool(_NUMBERED.match(text)),
            bool(_MARKER_LABEL.match(text)),
            is_abbreviation(text),
            bool(_CONTINUES.match(text)),
            text in QUOTES,
            bool(_INITIAL.match(text)),
            text[-1:].isalnum(),
            text[:1].isupper(),
            text in ("§", "§§"),
            text.count("\n") >= 2,
        )
    return props


def rule_starts(texts: list[str], spaces: list[bool], glued: list[bool]) -> list[int]:
    """Sentence starts by rule for tokens ``texts``: 1 start, -1 no start, 0 left to the senter."""
    n = len(texts)
    if n == 0:
        return []
    props = [_PROPERTIES.get(t) or _properties(t) for t in texts]
    starts = [0] * n
    starts[0] = 1
    inside_marker = 0
    for i in range(n):
        if spaces[i]:
            continue
        p = props[i]
        # the bullet or list marker starting here ("▶"; "–", "1 )", "a ." at a line start): its length
        if p[_P_BULLET]:
            marker = 1
        elif not (i == 0 or "\n" in texts[i - 1]):
            marker = 0
        elif p[_P_LINE_MARKER]:
            marker = 1
        elif p[_P_LABEL] and i + 1 < n and texts[i + 1] in (")", "."):
            marker = 2
        else:
            marker = 0
        if inside_marker > 0:
            starts[i] = -1  # the rest of a marker and the item's first word
            inside_marker -= 1
            continue
        if i == 0:
            inside_marker = marker
            continue
        q = props[i - 1]
        if marker:
            starts[i] = 1
            inside_marker = marker
        elif spaces[i - 1]:
            if q[_P_PARAGRAPH]:
                starts[i] = 1  # a blank line ends a sentence
        elif q[_P_ABBREV] and p[_P_CONTINUES]:
            starts[i] = -1
        elif p[_P_QUOTE] and glued[i - 1]:
            starts[i] = -1  # a closing quote stays with its sentence: "… barn.' Nästa"
        elif q[_P_QUOTE] and glued[i - 1] and not (i > 1 and glued[i - 2] and not spaces[i - 2]):
            starts[i] = -1  # an opening quote stays with its first word
        elif q[_P_INITIAL]:
            starts[i] = -1  # "A. I. Rabin"
        elif q[_P_ALNUM_END] and not p[_P_UPPER_START]:
            # within a line, only a heading run into the text ends without punctuation (so a
            # capital after a word is left to the senter: it may be such a heading, or a name)
            starts[i] = -1
        elif q[_P_SECTION]:
            starts[i] = -1
        elif p[_P_UPPER_START] and _after_full_stop(texts, i):
            starts[i] = 1  # "… uppfostran. Samtidigt", "… fader.' Ett", "… barn? Pension?"
    return starts


SENTENCE_END = {".", "!", "?"}


def _after_full_stop(texts: list[str], i: int) -> bool:
    """Token ``i`` follows a full stop, "!" or "?" (and perhaps a closing quote) that ends a word
    which is not an abbreviation or an initial."""
    j = i - 1
    if texts[j] in QUOTES:
        j -= 1
    if j < 1 or texts[j] not in SENTENCE_END:
        return False
    word = texts[j - 1]
    return len(word) > 1 and word[-1].isalpha() and not is_abbreviation(word) and not is_abbreviation(word + ".")
