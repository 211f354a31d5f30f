"""Document-level readability metrics: LIX, OVIX, nominalkvot, sentence length, passive share and
long-word share, in every report.

Computed on the analysed text with page furniture (headers, footers) and template placeholders
left out. A word is a token with a letter in it (numbers and signs are not words, as in LIX).

- LIX (Björnsson 1968): words per sentence + 100 × share of words longer than six letters.
- OVIX (Hultman & Westman 1977): log(tokens) / log(2 − log(types) / log(tokens)), word forms.
- Nominalkvot (Hultman & Westman 1977): (nouns + prepositions + participles) / (pronouns + adverbs
  + verbs), read from the SUC tag (NN, PP, PC / PN, AB, VB) when the pipeline gives one, else from
  the UD part of speech.
- passive_share: the share of sentences with at least one passive verb (``Token.passive``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from operator import attrgetter

from klarsprak.nlp.types import Analysis, Token

LONG_WORD = 7  # LIX counts words of more than six letters

_NOMINAL_SUC = {"NN", "PP", "PC"}
_VERBAL_SUC = {"PN", "AB", "VB"}


def lix_band(lix: float) -> str:
    """The usual Swedish LIX bands (Björnsson)."""
    if lix < 25:
        return "mycket lätt"
    if lix < 30:
        return "lätt"
    if lix < 40:
        return "medelsvår"
    if lix < 50:
        return "svår"
    if lix < 60:
        return "mycket svår"
    return "extremt svår"


def _empty(n_words: int, n_sent: int) -> dict:
    return {
        "words": n_words,
        "sentences": n_sent,
        "mean_sentence_length": 0.0,
        "lix": 0.0,
        "lix_band": lix_band(0.0),
        "ovix": 0.0,
        "nominal_ratio": 0.0,
        "passive_share": 0.0,
        "long_word_share": 0.0,
    }


_last: tuple[Analysis, int, dict] | None = None


def compute(analysis: Analysis) -> dict:
    """The metrics of one analysed document (a copy; the last result is reused for the same
    analysis, since KS701 and the engine both ask)."""
    global _last
    last = _last
    if last is not None and last[0] is analysis and last[1] == len(analysis.tokens):
        return dict(last[2])
    out = _compute(analysis)
    _last = (analysis, len(analysis.tokens), out)
    return dict(out)


def _compute(analysis: Analysis) -> dict:
    blocks = analysis.document.blocks
    keep = {b.index for b in blocks if not b.kind.is_page_furniture}
    words: list[Token] = []
    n_sent = 0
    passive_sentences = 0
    tokens = analysis.tokens
    not_word, letter = _NOT_WORD_UPOS, _LETTER.search
    for s in analysis.sentences:
        if s.block not in keep:
            continue
        # Token.is_word, inlined: this loop sees every token of every document
        sent_words = [t for t in tokens[s.first : s.last] if not t.placeholder and t.upos not in not_word
                      and (t.text[:1].isalpha() or letter(t.text) is not None)]
        if not sent_words:
            continue
        n_sent += 1
        words.extend(sent_words)
        if any(t.passive for t in sent_words):
            passive_sentences += 1
    n_words = len(words)
    if not n_words or not n_sent:
        return _empty(n_words, n_sent)
    texts = [t.text for t in words]
    long_words = sum(1 for x in texts if len(x) >= LONG_WORD and _letters(x) >= LONG_WORD)
    lix = n_words / n_sent + 100.0 * long_words / n_words
    types = len(set(map(str.lower, texts)))
    return {
        "words": n_words,
        "sentences": n_sent,
        "mean_sentence_length": round(n_words / n_sent, 2),
        "lix": round(lix, 1),
        "lix_band": lix_band(lix),
        "ovix": round(ovix(n_words, types), 1),
        "nominal_ratio": round(nominal_ratio(words), 2),
        "passive_share": round(passive_sentences / n_sent, 3),
        "long_word_share": round(long_words / n_words, 3),
    }


_LETTER = re.compile(r"[^\W\d_]")
_NOT_WORD_UPOS = frozenset(("PUNCT", "SYM", "SPACE", "X"))


def _letters(text: str) -> int:
    if text.isalpha():
        return len(text)  # nearly every word: one C call instead of one per character
    return sum(map(str.isalpha, text))


def ovix(tokens: int, types: int) -> float:
    """OVIX (ordvariationsindex): log(tokens) / log(2 - log(types)/log(tokens))."""
    if tokens < 2 or types < 2:
        return 0.0
    if types >= tokens:  # every word unique: the formula divides by zero
        types = tokens - 1
    return math.log(tokens) / math.log(2 - math.log(types) / math.log(tokens))


def _word_class(xpos: str, upos: str, feats: str) -> str:
    """"nominal", "verbal" or "" for nominalkvot."""
    suc = xpos[:2] if xpos[2:3] in ("|", "") else ""  # SUC tags start with two letters
    if suc in _NOMINAL_SUC:
        return "nominal"
    if suc in _VERBAL_SUC:
        return "verbal"
    if suc:  # a SUC tag of another class (JJ, DT, KN, PM …)
        return ""
    if upos in ("VERB", "ADJ") and "VerbForm=Part" in feats:
        return "nominal"
    if upos in ("NOUN", "ADP"):
        return "nominal"
    if upos in ("PRON", "ADV", "VERB", "AUX"):
        return "verbal"
    return ""


def nominal_ratio(words: list[Token]) -> float:
    """Nominalkvot: (nouns + prepositions + participles) / (pronouns + adverbs + verbs)."""
    nominal = verbal = 0
    # a document has few distinct tag triples: count them in C, classify each triple once
    triples = Counter(map(_TAGS, words))
    for (xpos, upos, feats), count in triples.items():
        kind = _word_class(xpos, upos, feats)
        if kind == "nominal":
            nominal += count
        elif kind == "verbal":
            verbal += count
    return nominal / verbal if verbal else float(nominal)


_TAGS = attrgetter("xpos", "upos", "feats")
