"""Lemma choice: simplemma's dictionary or the trained lemmatizer, by part of speech.

Measured on Talbanken dev (see docs/NLP.md): simplemma is the better guess for nouns, verbs and
pronouns (the treebank's UD1 train file has no lemmas, so the trained lemmatizer saw few), while
the trained lemmatizer wins for adjectives and adverbs, where simplemma ignores the part of
speech ("krävande" -> "kräva", "helt" -> "hel"). Abbreviations get the treebank's expansion
when simplemma knows it ("t.ex." -> "till_exempel").
"""

from __future__ import annotations

from functools import lru_cache

import simplemma

VERBATIM = {"PUNCT", "SYM", "NUM", "X", "SPACE"}
TRAINED_FIRST = {"ADJ", "ADV"}


@lru_cache(maxsize=200_000)
def _dictionary(lower: str) -> str | None:
    if not simplemma.is_known(lower, lang="sv"):
        return None
    return simplemma.lemmatize(lower, lang="sv").lower()


def choose(text: str, upos: str, trained: str) -> str:
    lower = text.lower()
    if upos in VERBATIM:
        return lower
    trained = (trained or "").lower()
    if upos in TRAINED_FIRST and trained:
        return trained
    return _dictionary(lower) or trained or lower
