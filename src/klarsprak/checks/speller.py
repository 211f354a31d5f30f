"""The Swedish Hunspell dictionary (``rules/stavning/sv_SE``) through spylls, loaded fast.

spylls' own reader builds a ``Word`` object for each of the 152,000 entries of sv_SE.dic, which
takes ~2 s. A spell check asks about a few hundred words, so :class:`LazyDic` keeps the raw
``stem -> flags`` table (read in ~0.2 s) and builds ``Word`` objects only for the stems a lookup
touches. It offers what spylls' Lookup and Suggest use of a Dic: ``homonyms`` and ``has_flag``.

Suggestions come from spylls' edit-based search only: its n-gram search scans the whole
dictionary (~3 s a word) and gives wild guesses for Swedish compounds.
"""

from __future__ import annotations

import re
import threading
import time
from functools import lru_cache
from pathlib import Path

from spylls.hunspell import Dictionary
from spylls.hunspell.algo import lookup, suggest
from spylls.hunspell.data.dic import Word
from spylls.hunspell.readers import read_aff
from spylls.hunspell.readers.file_reader import FileReader

from klarsprak.resources import rules_dir

_UNESCAPED_SLASH = re.compile(r"(?<!\\)/")
_MAX_WORD = 60  # longer "words" are not words; the compound search would take seconds


class LazyDic:
    """The part of ``spylls.hunspell.data.dic.Dic`` that Lookup and Suggest use, built on demand."""

    def __init__(self, raw: dict[str, str | list[str]], aff, context):
        self._raw = raw  # stem -> flag string, or a list of them for homonyms
        self._aff = aff
        self._context = context
        self._words: dict[str, list[Word]] = {}
        self._lower: dict[str, list[str]] | None = None  # lowercased stem -> stems, built on demand
        self._flag_sets: dict[str, set[str]] = {}

    def homonyms(self, stem: str, *, ignorecase: bool = False) -> list[Word]:
        if ignorecase:
            if self._lower is None:
                self._lower = {}
                for key in self._raw:
                    if not key.islower():
                        for low in self._aff.casing.lower(key):
                            self._lower.setdefault(low, []).append(key)
            return [w for key in self._lower.get(stem, ()) for w in self.homonyms(key)]
        words = self._words.get(stem)
        if words is None:
            flags = self._raw.get(stem)
            if flags is None:
                words = []
            elif isinstance(flags, str):
                words = [self._word(stem, flags)]
            else:
                words = [self._word(stem, f) for f in flags]
            self._words[stem] = words
        return words

    def has_flag(self, stem: str, flag: str, *, for_all: bool = False) -> bool:
        homonyms = self.homonyms(stem)
        if not homonyms:
            return False
        if for_all:
            return all(flag in h.flags for h in homonyms)
        return any(flag in h.flags for h in homonyms)

    def _word(self, stem: str, flags: str) -> Word:
        flag_set = self._flag_sets.get(flags)
        if flag_set is None:
            flag_set = self._flag_sets[flags] = set(self._context.parse_flags(flags))
        return Word(stem=stem, flags=flag_set, data={}, alt_spellings=[], captype=self._aff.casing.guess(stem))


def _read_dic(path: Path, encoding: str) -> dict[str, str | list[str]]:
    """``stem -> flags`` (a list of flag strings for a stem with homonyms), ~0.1 s for sv_SE."""
    with open(path, encoding=encoding, errors="surrogateescape") as fh:
        text = fh.read()
    lines = text.splitlines()
    if lines and lines[0].strip().split(" ")[0].isdigit():
        lines = lines[1:]  # the entry count
    escaped = "\\/" in text  # "\/" inside a stem (not in sv_SE): the slow, careful split
    raw: dict[str, str | list[str]] = {}
    get = raw.get
    for line in lines:
        if "\t" in line:
            line = line.split("\t", 1)[0]  # data tags (morphology) are not used
        line = line.strip()
        if not line:
            continue
        if escaped:
            parts = _UNESCAPED_SLASH.split(line, 1)
            stem, flags = parts[0].replace("\\/", "/"), (parts[1] if len(parts) == 2 else "")
        elif line.startswith("/"):
            stem, flags = line, ""
        else:
            stem, _, flags = line.partition("/")
        previous = get(stem)
        if previous is None:
            raw[stem] = flags
        elif isinstance(previous, list):
            previous.append(flags)
        else:
            raw[stem] = [previous, flags]
    return raw


class Speller:
    """Swedish spelling: ``known(word)`` and ``suggest(word)``, both cached per word."""

    def __init__(self, base: Path):
        aff, context = read_aff(FileReader(str(base) + ".aff"))
        if context.ignore:  # sv_SE has no IGNORE; a dictionary with one needs spylls' own reader
            stock = Dictionary.from_files(str(base))
            self._dictionary = _assemble(stock.aff, stock.dic)
        else:
            dic = LazyDic(_read_dic(Path(str(base) + ".dic"), context.encoding), aff, context)
            self._dictionary = _assemble(aff, dic)
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._stems: dict[str, list[str]] = {}
        self._lock = threading.Lock()  # spylls keeps no state per call, but our caches are shared

    def known(self, word: str) -> bool:
        verdict = self._known.get(word)
        if verdict is None:
            verdict = len(word) <= _MAX_WORD and self._dictionary.lookup(word)
            with self._lock:
                self._known[word] = verdict
        return verdict

    def stems(self, word: str) -> list[str]:
        """Dictionary stems of a known, non-compound word ("diarieförda" -> ["diarieföra"])."""
        found = self._stems.get(word)
        if found is None:
            found = []
            if len(word) <= _MAX_WORD:
                for form in self._dictionary.lookuper.good_forms(word, compound_forms=False):
                    if form.stem not in found:
                        found.append(form.stem)
            with self._lock:
                self._stems[word] = found
        return list(found)

    def suggest(self, word: str, limit: int = 3, timeout: float = 0.5) -> tuple[list[str], bool]:
        """Up to ``limit`` suggestions, and whether the search finished within ``timeout`` seconds
        (an edit search over a long compound can take seconds; a cut search keeps what it found)."""
        found = self._suggestions.get(word)
        if found is not None:
            return list(found), True
        found = []
        complete = True
        if len(word) <= _MAX_WORD:
            lookuper = self._dictionary.suggester.lookup
            lookuper.deadline = time.monotonic() + timeout
            try:
                for candidate in self._dictionary.suggest(word):
                    if candidate not in found:
                        found.append(candidate)
                    if len(found) >= limit:
                        break
            except _OutOfTime:
                complete = False
            finally:
                lookuper.deadline = None
        if complete:
            with self._lock:
                self._suggestions[word] = found
        return list(found), complete


class _OutOfTime(Exception):
    pass


class _DeadlineLookup(lookup.Lookup):
    """spylls' Lookup that gives up when a suggestion search runs past its deadline."""

    deadline: float | None = None

    def good_forms(self, word, **kwargs):
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise _OutOfTime
        return super().good_forms(word, **kwargs)


def _assemble(aff, dic: LazyDic) -> Dictionary:
    """A spylls Dictionary over ``dic``, with the n-gram suggestion search switched off."""
    dictionary = Dictionary.__new__(Dictionary)
    dictionary.aff = aff
    dictionary.dic = dic
    dictionary.lookuper = lookup.Lookup(aff, dic)
    suggester = suggest.Suggest.__new__(suggest.Suggest)
    suggester.aff, suggester.dic, suggester.lookup = aff, dic, _DeadlineLookup(aff, dic)
    suggester.words_for_ngram = []
    suggester.ngram_suggestions = lambda word, handled: iter(())
    suggester.phonet_suggestions = lambda word: iter(())
    dictionary.suggester = suggester
    return dictionary


def dictionary_base() -> Path:
    return rules_dir() / "stavning" / "sv_SE"


_load_lock = threading.Lock()


@lru_cache(maxsize=1)
def _cached() -> Speller:
    return Speller(dictionary_base())


def speller() -> Speller:
    """The process-wide Swedish speller (loaded at first use)."""
    with _load_lock:
        return _cached()

