"""The lexicon matcher: word lists in ``rules/*.yaml`` matched on lemmas, so every inflection counts.

One generic check kind (Vale's "substitution"/"existence") serves every word-list rule: KS101
byråkratiska ord, KS102 ålderdomliga ord, KS103 långa prepositioner, KS107 latin, KS108 modeord and
the word list of KS301. The format is documented for organisations in ``rules/README.md``; in short::

    rule: KS101
    entries:
      - match: erhålla                    # lemmas/forms, space separated; "a|b" alternatives,
        suggest: [få]                     # "=form" an exact word form, "x/NOUN,VERB" a POS constraint,
        fix: {erhåller: får, erhöll: fick}  # "*" any word; safe replacements per matched form
      - match: i syfte att
        suggest: [för att]
        safe: true                        # the first suggestion fits every form
        exceptions:                       # any of these silences the entry
          - before: "eller"               # ... within `within` tokens (default 0: adjacent)
          - block: heading
        requires:                         # (optional) one of these must hold
          - sentence: "ersättning|bistånd"

Parsing lives in :mod:`klarsprak.checks.lexicon_format`. The shipped lists and the organisation's
``lexicons`` (config) are merged into one index keyed by the lemmas and forms of each entry's first
element (and first two, for adjacent multi-word entries); it is built once per process per set of
files (:func:`index_for`). Matching a document is one pass over its tokens
(:func:`document_matches`), cached in ``Context.shared`` so every lexicon rule reads the same
result. A token matches an element by its lemma, its lower-cased form or simplemma's lemma (a
second opinion when the tagger's lemma is off). Text in quotation marks and capitalised words
inside a sentence (names: "Eva Blott") are never flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from klarsprak.checks.lexicon_format import (
    LexiconError,
    SHIPPED_FILES,
    Condition,
    Element,
    Entry,
    normalise,
    read_yaml,
    parse_lexicon,
)
from klarsprak.checks.spans import Intervals, sentence_index
from klarsprak.findings import Finding, Fix, Severity
from klarsprak.resources import rules_dir

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context, Rule
    from klarsprak.nlp.types import Analysis, Token


# The embedded NLP backend lemmatises with simplemma first (klarsprak.nlp.lemmas), so asking
# simplemma again would only cost time; any other backend gets the second opinion.
EMBEDDED_BACKEND = "embedded"


# --- matches ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Match:
    entry: Entry
    block: int
    start: int  # offsets into Block.text
    end: int
    text: str
    first: int  # token index range [first, last) in Analysis.tokens
    last: int
    sentence: int

    @property
    def rule(self) -> str:
        return self.entry.rule

    def replacement(self) -> str | None:
        """A replacement that fits this very form, for a safe fix; None when there is none."""
        lowered = normalise(self.text)
        for form, repl in self.entry.fix:
            if form == lowered:
                return match_case(self.text, repl)
        if self.entry.safe and self.entry.suggestions:
            return match_case(self.text, self.entry.suggestions[0])
        return None


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the capitalisation of ``original`` (Skall → Ska, SKALL → SKA)."""
    if len(original) > 1 and original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement



# --- the index ----------------------------------------------------------------------------------------


class Index:
    """Entries by the lemmas and forms of their first element, and for adjacent multi-word entries
    by the first two, so a common first word ("i", "för") costs a few dictionary look-ups."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries: list[Entry] = list(entries)
        self.by_key: dict[str, list[Entry]] = {}  # entries tried on their first word alone
        self.by_pair: dict[tuple[str, str], list[Entry]] = {}  # gap 0, second element not "*"
        for entry in self.entries:
            pairable = len(entry.elements) > 1 and entry.gap == 0 and not entry.elements[1].wildcard
            for key in entry.elements[0].keys():
                if pairable:
                    for second in entry.elements[1].keys():
                        self.by_pair.setdefault((key, second), []).append(entry)
                else:
                    self.by_key.setdefault(key, []).append(entry)
        self.first_keys = frozenset(self.by_key) | frozenset(k for k, _ in self.by_pair)
        seconds: dict[str, set[str]] = {}
        for key, second in self.by_pair:
            seconds.setdefault(key, set()).add(second)
        # first key -> the keys a next word must have for a pair entry: "i" starts only pairs
        self.pair_seconds: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in seconds.items()}

    def candidates(self, tokens: list["Token"], j: int, second: bool = True) -> list[Entry]:
        """Entries that may start at ``tokens[j]`` (the full pattern is checked by the caller).

        ``second``: also look the word up in simplemma (see :func:`token_keys`)."""
        tok = tokens[j]
        _lower, keys = token_keys(tok.text, tok.lemma, second or tok.upos == "PROPN")
        if self.first_keys.isdisjoint(keys):
            return []
        found: list[Entry] = []
        for key in keys:
            found.extend(self.by_key.get(key, ()))
        if j + 1 < len(tokens) and self.by_pair:
            nxt = tokens[j + 1]
            _next_lower, next_keys = token_keys(nxt.text, nxt.lemma, second or nxt.upos == "PROPN")
            for key in keys:
                for second in next_keys:
                    found.extend(self.by_pair.get((key, second), ()))
        if len(found) > 1:
            found = list(dict.fromkeys(found))
        return found

    def candidates_by_keys(self, keys: list[frozenset[str]], j: int) -> list[Entry]:
        """:meth:`candidates` with every token's keys computed once per sentence (``keys[j]``)."""
        mine = keys[j]
        if self.first_keys.isdisjoint(mine):
            return []
        found: list[Entry] = []
        for key in mine:
            found.extend(self.by_key.get(key, ()))
        if j + 1 < len(keys) and self.by_pair:
            next_keys = keys[j + 1]
            for key in mine:
                for second in next_keys:
                    found.extend(self.by_pair.get((key, second), ()))
        if len(found) > 1:
            found = list(dict.fromkeys(found))
        return found

    def for_rule(self, rule: str) -> list[Entry]:
        return [e for e in self.entries if e.rule == rule]


@lru_cache(maxsize=200_000)
def token_keys(text: str, lemma: str, second: bool = True) -> tuple[str, frozenset[str]]:
    """A token's lower-cased form and every key it can match by: its lemma, its form and, with
    ``second``, simplemma's lemma (a second opinion for backends whose lemmatiser is not simplemma's;
    the embedded pipeline already takes simplemma's lemma first, except for names)."""
    lower = text.lower()
    alt = _dictionary_lemma(lower) if second else None
    return lower, frozenset(k for k in (lemma, lower, alt) if k)


@lru_cache(maxsize=200_000)
def _dictionary_lemma(lower: str) -> str | None:
    """simplemma's lemma, when the backend's lemma missed (a second opinion, cached per word form)."""
    if not lower.isalpha():
        return None
    # the NLP stage's copy of simplemma's table (cached on disk): asking simplemma itself here
    # decompressed its dictionary again, ~1 s of a cold start on the first name in a document
    from klarsprak.nlp.lemmas import _dictionary

    return _dictionary(lower)


@lru_cache(maxsize=1)
def shipped_entries() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for name in SHIPPED_FILES:
        path = rules_dir() / name
        for entry, key in parse_lexicon(read_yaml(path), f"rules/{name}"):
            if entry is not None:
                merged[key] = entry
    return merged


def _file_stamp(path: Path) -> tuple[str, int, int]:
    try:
        st = path.stat()
    except OSError:
        raise LexiconError("ordlistan finns inte (se 'lexicons' i konfigurationen)", str(path)) from None
    return (str(path), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=32)
def _build(stamps: tuple[tuple[str, int, int], ...]) -> Index:
    merged = dict(shipped_entries())
    for path, _mtime, _size in stamps:
        for entry, key in parse_lexicon(read_yaml(Path(path)), path):
            if entry is None:
                merged.pop(key, None)
            else:
                merged[key] = entry
    return Index(merged.values())


def index_for(lexicons: Iterable[Path] = ()) -> Index:
    """The index for the shipped lists plus ``lexicons``; built once per process per set of files."""
    return _build(tuple(_file_stamp(Path(p)) for p in lexicons))


# --- matching ------------------------------------------------------------------------------------------


def token_matches(el: Element, token: "Token") -> bool:
    if token.placeholder:
        return False
    if el.wildcard:
        ok = token.is_word
    else:
        lower, keys = token_keys(token.text, token.lemma)
        ok = lower in el.forms or not el.lemmas.isdisjoint(keys)
    return ok and (not el.pos or token.upos in el.pos)


def _match_elements(elements: tuple[Element, ...], tokens: list["Token"], j: int, gap: int) -> int | None:
    """Match ``elements`` starting at ``tokens[j]``; the index after the last matched token, or None."""
    if not token_matches(elements[0], tokens[j]):
        return None
    k = j + 1
    for el in elements[1:]:
        for skip in range(gap + 1):
            idx = k + skip
            if idx >= len(tokens):
                return None
            if token_matches(el, tokens[idx]):
                k = idx + 1
                break
            if skip < gap and not tokens[idx].is_word:
                return None  # gaps are words, never punctuation
        else:
            return None
    return k


def _sequence_ends_at(elements: tuple[Element, ...], tokens: list["Token"], end: int) -> bool:
    """``elements`` match ``tokens[end - len(elements) + 1 : end + 1]``."""
    begin = end - len(elements) + 1
    if begin < 0:
        return False
    return all(token_matches(el, tokens[begin + n]) for n, el in enumerate(elements))


def _sequence_starts_at(elements: tuple[Element, ...], tokens: list["Token"], begin: int) -> bool:
    if begin + len(elements) > len(tokens):
        return False
    return all(token_matches(el, tokens[begin + n]) for n, el in enumerate(elements))


def _holds(cond: Condition, tokens: list["Token"], j: int, k: int, block_kind: str, text: str) -> bool:
    """Does ``cond`` hold for the match ``tokens[j:k]`` (tokens: the sentence)?"""
    if cond.block and block_kind not in cond.block:
        return False
    if cond.form and normalise(text) not in cond.form:
        return False
    if cond.sentence_start is not None:
        first_word = next((n for n, t in enumerate(tokens) if t.is_word), 0)
        if (j <= first_word) != cond.sentence_start:
            return False
    if cond.feats and not all(tokens[j].feat(name) == value for name, value in cond.feats):
        return False
    if cond.before and not any(
        _sequence_ends_at(cond.before, tokens, j - 1 - skip) for skip in range(cond.within + 1)
    ):
        return False
    if cond.after and not any(
        _sequence_starts_at(cond.after, tokens, k + skip) for skip in range(cond.within + 1)
    ):
        return False
    if cond.sentence:
        width = len(cond.sentence)
        # elsewhere in the sentence: outside the match, or among the words its gap let in
        # ("stå till arbetsmarknadens förfogande"), never on its first or last word
        if not any(
            (n + width <= j or n >= k or (j < n and n + width < k)) and _sequence_starts_at(cond.sentence, tokens, n)
            for n in range(len(tokens))
        ):
            return False
    return True


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTE.finditer(text)]


# Someone else's words (a law, a statement) are quoted as they were written.
_QUOTE = re.compile(r"”[^”\n]{2,}”|\"[^\"\n]{2,}\"|«[^»\n]{2,}»|“[^”\n]{2,}”|„[^“”\n]{2,}[“”]")


def _looks_like_name(tokens: list["Token"], j: int) -> bool:
    """A capitalised word inside a sentence is a name ("Eva Blott", "Torde gård"), not the word."""
    text = tokens[j].text
    if not text[:1].isupper() or text.isupper() or j == 0:
        return False
    prev = tokens[j - 1]
    if len(prev.text) > 2 and prev.text.endswith("."):
        return False  # "… 1 § SoL. Beträffande …": a sentence the splitter ran on (not an initial, "E. Blott")
    return prev.is_word or prev.text in (",", "(", "och")


_NO_KEYS: frozenset[str] = frozenset()


def match_analysis(index: Index, analysis: "Analysis") -> list[Match]:
    """Every match in the analysis: longest (then most specific) entry per rule wins an overlap."""
    document = analysis.document
    tokens = analysis.tokens
    second = analysis.backend.get("name") != EMBEDDED_BACKEND
    found: list[Match] = []
    quotes: dict[int, Intervals] = {}
    for sentence in analysis.sentences:
        sent = tokens[sentence.first : sentence.last]
        if not sent:
            continue
        block = None
        taken: dict[str, int] = {}  # rule -> first free token position in this sentence
        keys = None  # every token's keys, computed at the sentence's first possible start
        first_keys, by_key, pair_seconds = index.first_keys, index.by_key, index.pair_seconds
        for j, token in enumerate(sent):
            # most words start no entry: two set tests on the lemma and the form (the keys
            # token_keys gives without a second opinion), no call
            if second or token.upos == "PROPN":
                if first_keys.isdisjoint(token_keys(token.text, token.lemma, True)[1]):
                    continue
            else:
                lemma, lower = token.lemma, token.text.lower()
                if lemma not in first_keys and lower not in first_keys:
                    continue
                if lemma not in by_key and lower not in by_key:
                    # a word that only starts pairs ("i", "för", "den"): most of the time the next
                    # word fits none of them, and the sentence needs no keys at all
                    if j + 1 == len(sent):
                        continue
                    nxt = sent[j + 1]
                    next_keys = token_keys(nxt.text, nxt.lemma, nxt.upos == "PROPN")[1]
                    if pair_seconds.get(lemma, _NO_KEYS).isdisjoint(next_keys) and pair_seconds.get(
                        lower, _NO_KEYS
                    ).isdisjoint(next_keys):
                        continue
            if keys is None:
                keys = [token_keys(t.text, t.lemma, second or t.upos == "PROPN")[1] for t in sent]
                block = document.blocks[sentence.block]
                kind = block.kind.value
            candidates = index.candidates_by_keys(keys, j)
            if not candidates:
                continue
            best: dict[str, tuple[tuple[int, int], Entry, int]] = {}
            for entry in candidates:
                if j < taken.get(entry.rule, 0):
                    continue
                k = _match_elements(entry.elements, sent, j, entry.gap)
                if k is None:
                    continue
                text = block.text[sent[j].start : sent[k - 1].end]
                if entry.requires and not any(_holds(c, sent, j, k, kind, text) for c in entry.requires):
                    continue
                if any(_holds(c, sent, j, k, kind, text) for c in entry.exceptions):
                    continue
                score = (k - j, entry.specificity)
                if entry.rule not in best or score > best[entry.rule][0]:
                    best[entry.rule] = (score, entry, k)
            for rule, (_score, entry, k) in best.items():
                if k == j + 1 and _looks_like_name(sent, j):
                    continue
                start, end = sent[j].start, sent[k - 1].end
                if block.index not in quotes:
                    quotes[block.index] = Intervals(_quote_spans(block.text))
                if quotes[block.index].covers(start, end):
                    continue
                found.append(
                    Match(
                        entry=entry,
                        block=sentence.block,
                        start=start,
                        end=end,
                        text=block.text[start:end],
                        first=sentence.first + j,
                        last=sentence.first + k,
                        sentence=sentence.i,
                    )
                )
                taken[rule] = k
    return found


def document_matches(ctx: "Context") -> dict[str, list[Match]]:
    """Matches by rule for this document, computed once and shared by every lexicon rule."""
    cached = ctx.shared.get("lexicon.matches")
    if cached is None:
        index = index_for(ctx.config.lexicons)
        cached = {}
        for m in match_analysis(index, ctx.analysis):
            if _accepted(ctx, m):
                continue
            cached.setdefault(m.rule, []).append(m)
        ctx.shared["lexicon.matches"] = cached
    return cached


def _accepted(ctx: "Context", m: Match) -> bool:
    if ctx.is_accepted(m.text) or ctx.is_accepted(m.entry.key):
        return True
    tokens = ctx.analysis.tokens[m.first : m.last]
    return len(tokens) == 1 and ctx.is_accepted(tokens[0].text)


# --- turning matches into findings ---------------------------------------------------------------------


def sentence_at(ctx: "Context", block: int, offset: int) -> str | None:
    """The text of the sentence of ``block`` that holds ``offset`` (None: the block's whole text)."""
    s = sentence_index(ctx, block).first_holding(offset)
    return s.text if s is not None else None


def quoted(text: str) -> str:
    return f"”{text}”"


def alternatives(suggestions: Iterable[str]) -> str:
    """”få” / ”få” eller ”ta emot” / ”a”, ”b” eller ”c”."""
    items = [quoted(s) for s in suggestions]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " eller " + items[-1]


def default_message(m: Match) -> str:
    """Byt ut ”erhöll” mot ”fick”. / Byt ut ”erhöll” (”erhålla”) mot ”få”."""
    repl = m.replacement()
    if repl is not None:
        return f"Byt ut {quoted(m.text)} mot {quoted(repl)}."
    head = m.entry.headword
    named = quoted(m.text) if normalise(m.text) == head else f"{quoted(m.text)} (”{head}”)"
    if m.entry.suggestions:
        return f"Byt ut {named} mot {alternatives(m.entry.suggestions)}."
    return f"Undvik {named}."


class LexiconRule:
    """Mixin for rules whose findings come from word lists: one finding per match of the rule."""

    def lexicon_matches(self: "Rule", ctx: "Context") -> list[Match]:
        return document_matches(ctx).get(self.id, [])

    def message_for(self, m: Match, ctx: "Context") -> str:
        if m.entry.message:
            text = m.entry.message.replace("{text}", m.text).replace("{head}", m.entry.headword)
        else:
            text = default_message(m)
        return f"{text} {m.entry.note}" if m.entry.note else text

    def entry_severity(self: "Rule", m: Match, ctx: "Context") -> Severity | None:
        if self.id in ctx.config.severity:
            return None  # the organisation's [severity] wins over per-entry severities
        return m.entry.severity

    def finding_for(self: "Rule", m: Match, ctx: "Context") -> Finding:
        repl = m.replacement()
        suggestions = [repl] if repl is not None else []
        suggestions += [s for s in m.entry.suggestions if s not in suggestions]
        return ctx.finding(
            self,
            m.block,
            m.start,
            m.end,
            self.message_for(m, ctx),
            suggestions=suggestions,
            fix=Fix(repl, safe=True) if repl is not None else None,
            severity=self.entry_severity(m, ctx),
            sentence=ctx.analysis.sentences[m.sentence].text,
        )

    def check(self: "Rule", ctx: "Context") -> Iterator[Finding]:
        for m in self.lexicon_matches(ctx):
            yield self.finding_for(m, ctx)
