"""Document-level readability metrics: LIX, OVIX, nominalkvot, sentence length, passive share.

Computed on the analysed text, page furniture (headers, footers) left out, placeholders left out."""

from __future__ import annotations

import math

from klarsprak.model import BlockKind
from klarsprak.nlp.types import Analysis

LONG_WORD = 7  # LIX counts words of more than six letters


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


def compute(analysis: Analysis) -> dict:
    blocks = analysis.document.blocks
    keep = {b.index for b in blocks if not b.kind.is_page_furniture}
    sentences = [s for s in analysis.sentences if s.block in keep]
    words = [t for t in analysis.tokens if t.block in keep and t.is_word and not t.placeholder]
    n_words = len(words)
    n_sent = sum(1 for s in sentences if any(t.is_word for t in analysis.sentence_tokens(s))) or 0
    long_words = sum(1 for t in words if sum(c.isalpha() for c in t.text) >= LONG_WORD)
    out: dict = {"words": n_words, "sentences": n_sent}
    if not n_words or not n_sent:
        out.update(mean_sentence_length=0.0, lix=0.0, lix_band=lix_band(0.0), ovix=0.0, nominal_ratio=0.0,
                   passive_share=0.0, long_word_share=0.0)
        return out
    lix = n_words / n_sent + 100.0 * long_words / n_words
    types = len({t.text.lower() for t in words})
    out["mean_sentence_length"] = round(n_words / n_sent, 2)
    out["lix"] = round(lix, 1)
    out["lix_band"] = lix_band(lix)
    out["ovix"] = round(_ovix(n_words, types), 1)
    out["nominal_ratio"] = round(_nominal_ratio(words), 2)
    passive_sentences = {t.sent for t in words if t.passive}
    out["passive_share"] = round(len(passive_sentences) / n_sent, 3)
    out["long_word_share"] = round(long_words / n_words, 3)
    return out


def _ovix(tokens: int, types: int) -> float:
    """OVIX (ordvariationsindex): log(tokens) / log(2 - log(types)/log(tokens))."""
    if tokens < 2 or types < 2:
        return 0.0
    if types == tokens:  # every word unique: the formula divides by zero
        types -= 1
    return math.log(tokens) / math.log(2 - math.log(types) / math.log(tokens))


def _nominal_ratio(words) -> float:
    """Nominalkvot: (nouns + prepositions + participles) / (pronouns + adverbs + verbs)."""
    nominal = verbal = 0
    for t in words:
        if t.upos in ("NOUN", "PROPN", "ADP") or (t.upos in ("VERB", "ADJ") and t.feat("VerbForm") == "Part"):
            nominal += 1
        elif t.upos in ("PRON", "ADV", "VERB", "AUX"):
            verbal += 1
    return nominal / verbal if verbal else float(nominal)
