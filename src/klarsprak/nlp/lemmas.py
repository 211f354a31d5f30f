"""Lemma choice: simplemma's dictionary or the trained lemmatizer, by part of speech.

Measured on Talbanken dev (see docs/NLP.md): simplemma is the better guess for nouns, verbs and
pronouns (the treebank's UD1 train file has no lemmas, so the trained lemmatizer saw few), while
the trained lemmatizer wins for adjectives and adverbs, where simplemma ignores the part of
speech ("krävande" -> "kräva", "helt" -> "hel"). Abbreviations get the treebank's expansion
when simplemma knows it ("t.ex." -> "till_exempel").

simplemma's Swedish dictionary takes ~2 s to decompress, most of a cold start; a plain copy is
cached in the user's cache directory (marshal: data only) and loads in a fraction of that.
"""

from __future__ import annotations

import marshal
import os
from functools import lru_cache
from pathlib import Path

import simplemma

VERBATIM = {"PUNCT", "SYM", "NUM", "X", "SPACE"}
TRAINED_FIRST = {"ADJ", "ADV"}


def _cache_file() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("klarsprak")) / f"simplemma-sv-{simplemma.__version__}.marshal"


@lru_cache(maxsize=1)
def _table() -> dict | None:
    """simplemma's form -> lemma table for Swedish (bytes -> bytes), or None to use its API."""
    path = _cache_file()
    try:
        table = marshal.loads(path.read_bytes())
        if isinstance(table, dict):
            return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        table = getattr(DefaultDictionaryFactory().get_dictionary("sv"), "_dict", None)
    except Exception:  # another simplemma version: fall back to its public API
        return None
    if not isinstance(table, dict):
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staged = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        staged.write_bytes(marshal.dumps(table))
        os.replace(staged, path)
    except OSError:
        pass  # a read-only home directory only costs speed
    return table


@lru_cache(maxsize=200_000)
def _dictionary(lower: str) -> str | None:
    table = _table()
    if table is None:
        if not simplemma.is_known(lower, lang="sv"):
            return None
        return simplemma.lemmatize(lower, lang="sv").lower()
    # as simplemma does: the form as given, then capitalised (names: "island" -> "Island")
    lemma = table.get(lower.encode("utf-8")) or table.get(lower.capitalize().encode("utf-8"))
    return lemma.decode("utf-8").lower() if lemma is not None else None


def choose(text: str, upos: str, trained: str) -> str:
    lower = text.lower()
    if upos in VERBATIM:
        return lower
    trained = (trained or "").lower()
    if upos in TRAINED_FIRST and trained:
        return trained
    return _dictionary(lower) or trained or lower
