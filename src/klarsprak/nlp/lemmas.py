"""Lemma choice: simplemma's dictionary or the trained lemmatizer, by part of speech.

Measured on Talbanken dev (see docs/NLP.md): simplemma is the better guess for nouns, verbs and
pronouns (the treebank's UD1 train file has no lemmas, so the trained lemmatizer saw few), while
the trained lemmatizer wins for adjectives and adverbs, where simplemma ignores the part of
speech ("krävande" -> "kräva", "helt" -> "hel"). Abbreviations get the treebank's expansion
when simplemma knows it ("t.ex." -> "till_exempel").

simplemma's Swedish dictionary takes ~2 s to decompress, most of a cold start; a copy is cached
in the user's cache directory as an SQLite file (data only) and read one word form at a time, or
a document's new word forms in one query (``prefetch``).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable

import simplemma

VERBATIM = {"PUNCT", "SYM", "NUM", "X", "SPACE"}
TRAINED_FIRST = {"ADJ", "ADV"}


def _cache_file() -> Path:
    from klarsprak.resources import cache_dir

    return cache_dir() / f"simplemma-sv-{simplemma.__version__}.sqlite3"


class _SqliteTable:
    """simplemma's table in an SQLite file, read per word form: opening it takes milliseconds,
    where loading all 963k forms into a dict took ~0.8 s of every cold start (and ~100 MB)."""

    def __init__(self, path: Path):
        self._db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()  # one connection, shared by the threads of a process
        try:
            complete = self._db.execute("SELECT value FROM meta WHERE key = 'complete'").fetchone()
        except sqlite3.Error:
            complete = None
        if complete is None:
            self._db.close()
            raise ValueError(f"damaged cache file {path}")

    def get(self, form: bytes) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT lemma FROM forms WHERE form = ?", (form,)).fetchone()
        return row[0] if row else None

    def get_many(self, forms: list[bytes]) -> dict[bytes, bytes]:
        """The lemmas of those ``forms`` that are in the table, in one query per 400 forms."""
        found: dict[bytes, bytes] = {}
        with self._lock:
            for i in range(0, len(forms), 400):
                chunk = forms[i : i + 400]
                marks = ",".join("?" * len(chunk))
                found.update(self._db.execute(f"SELECT form, lemma FROM forms WHERE form IN ({marks})", chunk))
        return found


@lru_cache(maxsize=1)
def _table() -> _SqliteTable | dict | None:
    """simplemma's form -> lemma table for Swedish (bytes -> bytes), or None to use its API."""
    path = _cache_file()
    try:
        return _SqliteTable(path)
    except (OSError, ValueError, sqlite3.Error):
        pass
    try:
        from simplemma.strategies.dictionaries.dictionary_factory import DefaultDictionaryFactory

        table = getattr(DefaultDictionaryFactory().get_dictionary("sv"), "_dict", None)
    except Exception:  # another simplemma version: fall back to its public API
        return None
    if not isinstance(table, dict):
        return None
    try:
        _write(path, table)
        return _SqliteTable(path)
    except (OSError, ValueError, sqlite3.Error):
        return table  # a read-only home directory only costs speed


def _write(path: Path, table: dict) -> None:
    """Write the table to ``path`` atomically: a damaged or half-written cache is never read."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # the cache folder is the user's alone
    staged = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    staged.unlink(missing_ok=True)
    db = sqlite3.connect(staged)
    try:
        db.execute("CREATE TABLE forms (form BLOB PRIMARY KEY, lemma BLOB NOT NULL) WITHOUT ROWID")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        db.executemany("INSERT INTO forms VALUES (?, ?)", table.items())
        db.execute("INSERT INTO meta VALUES ('complete', ?)", (simplemma.__version__,))
        db.commit()
    finally:
        db.close()
    os.chmod(staged, 0o600)
    os.replace(staged, path)
    for old in path.parent.glob("simplemma-sv-*.marshal"):  # the cache format before 0.1: 22 MB each
        old.unlink(missing_ok=True)


def _dictionary(lower: str) -> str | None:
    found = _known.get(lower, _UNKNOWN)
    if found is _UNKNOWN:
        found = _remember(lower, _look_up(lower))
    return found


_UNKNOWN = object()
_known: dict[str, str | None] = {}  # answers so far, by lower-case form
_MAX_KNOWN = 200_000


_dictionary.cache_clear = _known.clear  # as when it was an lru_cache (tests start afresh with it)


def _remember(lower: str, lemma: str | None) -> str | None:
    if len(_known) >= _MAX_KNOWN:
        _known.clear()
    _known[lower] = lemma
    return lemma


def _look_up(lower: str) -> str | None:
    table = _table()
    if table is None:
        if not simplemma.is_known(lower, lang="sv"):
            return None
        return simplemma.lemmatize(lower, lang="sv").lower()
    return _from_table(lower, table.get)


def _from_table(lower: str, get: Callable[[bytes], bytes | None]) -> str | None:
    # as simplemma does: the form as given, then capitalised (names: "island" -> "Island")
    lemma = get(lower.encode("utf-8")) or get(lower.capitalize().encode("utf-8"))
    return lemma.decode("utf-8").lower() if lemma is not None else None


def prefetch(forms: Iterable[str]) -> None:
    """Look up the lower-case ``forms`` not asked for before in one go, for the ``_dictionary``
    calls that follow: two SQL queries for a document's new words instead of one or two per word."""
    table = _table()
    if not isinstance(table, _SqliteTable):
        return
    new = [f for f in dict.fromkeys(forms) if f not in _known]
    if len(new) < 8:  # one query costs about as much as 4-8 single look-ups
        return
    found = table.get_many([f.encode("utf-8") for f in new])
    # the capitalised form only where the form itself is not there, as _from_table asks
    found.update(table.get_many([f.capitalize().encode("utf-8") for f in new if not found.get(f.encode("utf-8"))]))
    for lower in new:
        _remember(lower, _from_table(lower, found.get))


def choose(text: str, upos: str, trained: str | Callable[[], str]) -> str:
    """The lemma of ``text``; ``trained`` is the trained lemmatizer's guess, or a function that
    makes it (applying its edit tree costs more than looking a form up, and is rarely needed)."""
    lower = text.lower()
    if upos in VERBATIM:
        return lower
    if upos in TRAINED_FIRST:
        guess = _lower(trained)
        return guess or _dictionary(lower) or lower
    return _dictionary(lower) or _lower(trained) or lower


def _lower(trained: str | Callable[[], str]) -> str:
    return ((trained() if callable(trained) else trained) or "").lower()
