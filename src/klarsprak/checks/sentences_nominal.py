"""KS204 substantivsjuka: a light verb with an action noun ("genomföra en kontroll" → "kontrollera"),
fixed nominal phrases ("vara i behov av" → "behöva"), and long chains of nouns tied by prepositions.

The patterns are data (``rules/substantivsjuka.yaml``, plus ``substantivsjuka:`` sections in an
organisation's lexicon files), matched on lemmas with the lower-cased word as a fallback, and indexed
by their first word so a sentence is scanned once. A word is never flagged for its suffix alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    block_quotes,
    conjugate,
    in_spans,
    is_finite,
    is_noun,
    is_verb,
    is_word,
    is_quote_block,
    judged_sentences,
    severity,
    tense_of,
)
from klarsprak.checks.sentences_order import prenominal_modifiers
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.nlp.types import Token
from klarsprak.resources import load_rules_yaml

# Words that may stand between a light verb and its noun: "genomförde inte någon noggrann kontroll",
# "ger dig besked", "fattade nämnden beslut".
_GAP_UPOS = {"DET", "ADJ", "PRON", "ADV"}  # not NUM: "genomfört två utredningar" counts them
_MAX_GAP = 4
# Between an action noun and a passive light verb after it: "en kontroll har genomförts".
_REVERSE_GAP_UPOS = {"AUX", "ADV", "PART"}
_TENSES = ("prs", "prt", "sup", "inf", "imp")
_PARTICLES = {"fram", "upp", "ut", "in", "bort", "tillbaka", "emot", "över", "undan", "ner", "ned", "hem"}
_PROSE = (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
_RUNNING = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)


@dataclass
class _Pattern:
    """A light verb entry: the verb, optional fixed link words, the nouns and the verbs to use."""

    link: tuple[str, ...]
    nouns: dict[str, str]
    passive: bool = False


@dataclass
class _Phrase:
    words: list[frozenset[str]]  # each slot: alternatives; an empty set is the "~" gap
    verb: str
    passive: bool = False


@dataclass
class Lexicon:
    light: dict[str, list[_Pattern]] = field(default_factory=dict)  # verb lemma → patterns
    by_noun: dict[str, list[tuple[frozenset[str], str, bool]]] = field(default_factory=dict)
    subject_verbs: set[str] = field(default_factory=set)
    subject_nouns: dict[str, str] = field(default_factory=dict)
    phrases: dict[str, list[_Phrase]] = field(default_factory=dict)  # first word → phrases
    verb_forms: dict[str, list[str]] = field(default_factory=dict)
    noun_forms: dict[str, str] = field(default_factory=dict)  # inflected form → lemma (fallback)
    verb_index: dict[str, str] = field(default_factory=dict)  # inflected form → lemma (fallback)
    indefinite_only: set[str] = field(default_factory=set)  # "fatta beslutet" names a document
    chain_stops: set[str] = field(default_factory=set)  # time and measure nouns end a chain
    all_nouns: set[str] = field(default_factory=set)  # every action noun of every pattern
    _triggers: set[str] | None = None
    complex_prepositions: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # first word → phrases
    verbal_noun_prepositions: set[str] = field(default_factory=set)  # "vid" in "vid uteblivande"
    verbal_noun_exceptions: set[str] = field(default_factory=set)  # "vid boende": a noun of its own

    def add(self, data: dict) -> None:
        for group in data.get("light_verbs") or []:
            pattern = _Pattern(
                link=tuple(str(w) for w in group.get("link") or ()),
                nouns={str(k): str(v) for k, v in (group.get("nouns") or {}).items()},
                passive=group.get("voice") == "passive",
            )
            verbs = frozenset(str(v) for v in group.get("verbs") or ())
            for verb in verbs:
                self.light.setdefault(verb, []).append(pattern)
            if not pattern.link:
                for noun, suggestion in pattern.nouns.items():
                    self.by_noun.setdefault(noun, []).append((verbs, suggestion, False))
            self._forms(pattern.nouns)
        subject = data.get("subject_nouns") or {}
        self.subject_verbs |= {str(v) for v in subject.get("verbs") or ()}
        self.subject_nouns.update({str(k): str(v) for k, v in (subject.get("nouns") or {}).items()})
        self._forms(self.subject_nouns)
        for entry in data.get("phrases") or []:
            slots = [frozenset() if w == "~" else frozenset(w.split("|")) for w in str(entry["pattern"]).split()]
            phrase = _Phrase(slots, str(entry["verb"]), entry.get("voice") == "passive")
            for first in slots[0]:
                self.phrases.setdefault(first, []).append(phrase)
        self.verb_forms.update({str(k): [str(f) for f in v] for k, v in (data.get("verb_forms") or {}).items()})
        self.indefinite_only |= {str(w) for w in data.get("indefinite_only") or ()}
        self.chain_stops |= {str(w) for w in data.get("chain_stops") or ()}
        for phrase in data.get("complex_prepositions") or []:
            words = tuple(str(phrase).lower().split())
            if words and words not in self.complex_prepositions.get(words[0], []):
                self.complex_prepositions.setdefault(words[0], []).append(words)
        verbal = data.get("verbal_nouns") or {}
        self.verbal_noun_prepositions |= {str(w) for w in verbal.get("prepositions") or ()}
        self.verbal_noun_exceptions |= {str(w) for w in verbal.get("exceptions") or ()}
        self._index_verbs()
        self._triggers = None

    def _index_verbs(self) -> None:
        """Every form of the light verbs, for when the lemmatizer misses ("fattade" → "fattad")."""
        verbs = set(self.light) | self.subject_verbs | {w for first in self.phrases for w in [first]}
        for verb in verbs:
            for tense in ("prs", "prt", "sup", "inf", "imp"):
                for passive in (False, True):
                    form = conjugate(verb, tense, self.verb_forms, passive=passive)
                    if form and " " not in form:
                        self.verb_index.setdefault(form, verb)

    @property
    def triggers(self) -> set[str]:
        """Every lemma or form a pattern can start with: light and subject verbs, phrase heads,
        action nouns, their inflected forms, and the prepositions before verbal nouns."""
        if self._triggers is None:
            self._triggers = (set(self.light) | self.subject_verbs | set(self.phrases) | self.all_nouns
                              | set(self.noun_forms) | set(self.verb_index) | self.verbal_noun_prepositions)
        return self._triggers

    def verb_lemma(self, t: Token) -> str:
        if t.lemma in self.light or t.lemma in self.subject_verbs or t.lemma in self.phrases:
            return t.lemma
        return self.verb_index.get(t.lower, t.lemma)

    def _forms(self, nouns: dict[str, str]) -> None:
        self.all_nouns.update(nouns)
        for noun in nouns:
            for form in noun_forms(noun):
                self.noun_forms.setdefault(form, noun)

    def noun_lemma(self, t: Token) -> str:
        if t.lemma in self.all_nouns:
            return t.lemma
        return self.noun_forms.get(t.lower, t.lemma)


def noun_forms(noun: str) -> set[str]:
    """Likely inflected forms of a noun, as a fallback when the lemmatizer misses ("kontrollerna")."""
    out = {noun}
    endings = ("en", "n", "et", "t", "er", "erna", "ar", "arna", "na", "ena", "r", "rna", "s", "ens", "ets", "ernas")
    out |= {noun + e for e in endings}
    if noun.endswith("an"):  # ansökan → ansökningar
        stem = noun[:-2]
        out |= {stem + "ningar", stem + "ningarna", stem + "ningen"}
    if noun.endswith("e"):  # överklagande → överklaganden
        out |= {noun + "n", noun + "na", noun + "t"}
    return out


_cache: dict[tuple, Lexicon] = {}


def lexicon(extra: tuple[Path, ...] = ()) -> Lexicon:
    """The shipped patterns plus the ``substantivsjuka:`` sections of the organisation's lexicons."""
    key = tuple((str(p), p.stat().st_mtime if p.is_file() else 0) for p in extra)
    if key not in _cache:
        lex = Lexicon()
        lex.add(load_rules_yaml("substantivsjuka.yaml"))
        for path in extra:
            try:
                with open(path, encoding="utf-8") as fh:
                    data = yaml.safe_load(fh)
            except (OSError, yaml.YAMLError):
                continue  # the lexicon loader of the word rules reports unreadable files
            if isinstance(data, dict) and isinstance(data.get("substantivsjuka"), dict):
                lex.add(data["substantivsjuka"])
        _cache[key] = lex
    return _cache[key]


def _match_word(t: Token, words: frozenset[str], lex: "Lexicon | None" = None) -> bool:
    return t.lemma in words or t.lower in words or (lex is not None and lex.verb_index.get(t.lower) in words)


@dataclass
class _Hit:
    first: int
    last: int  # inclusive token positions in the sentence
    verb: str  # the verb to use instead
    tense: str
    passive: bool
    exact: bool = True  # False: suggest the infinitive only (the tense is not the text's)


def find_nominal(toks: list[Token], lex: Lexicon) -> list[_Hit]:
    """Light verb + noun (both orders), subject nouns and phrases in one sentence."""
    hits: list[_Hit] = []
    n = len(toks)
    triggers = lex.triggers
    verbal_preps = lex.verbal_noun_prepositions
    for k, t in enumerate(toks):
        if t.lemma not in triggers and t.text.lower() not in triggers:
            continue  # no pattern starts with this word (the cheap test first)
        if t.upos == "ADP" and (t.lemma in verbal_preps or t.text.lower() in verbal_preps):
            hit = _verbal_noun(toks, k, lex) if k + 1 < n else None
            if hit:
                hits.append(hit)
            continue  # a preposition starts no other pattern
        verbal = is_verb(t)
        if t.placeholder or not (verbal or is_noun(t)):
            continue  # every pattern starts with a verb or a noun
        verb = lex.verb_lemma(t) if verbal else t.lemma
        if verbal and tense_of(t) in _TENSES:
            for pattern in lex.light.get(verb, ()):
                hit = _forward(toks, k, pattern, lex)
                if hit:
                    hits.append(hit)
                    break
            if verb in lex.subject_verbs:
                m = _skip(toks, k + 1, _GAP_UPOS - {"PRON"})
                if m < n and is_noun(toks[m]) and lex.noun_lemma(toks[m]) in lex.subject_nouns:
                    hits.append(_Hit(k, m, lex.subject_nouns[lex.noun_lemma(toks[m])], tense_of(t), True))
        noun = lex.noun_lemma(t) if not verbal and "Case=Gen" not in t.feats else None
        if noun is not None and (noun in lex.by_noun or noun in lex.subject_nouns):
            m = _after_reverse_gap(toks, k + 1)
            if m < n and is_verb(toks[m]) and tense_of(toks[m]) in _TENSES:
                v = toks[m]
                v_lemma = lex.verb_lemma(v)
                if v_lemma in lex.subject_verbs and noun in lex.subject_nouns:
                    hits.append(_Hit(k, m, lex.subject_nouns[noun], tense_of(v), True))
                elif v.passive and not (noun in lex.indefinite_only and "Definite=Def" in t.feats):
                    for verbs, suggestion, _ in lex.by_noun.get(noun, ()):
                        if v_lemma in verbs:
                            hits.append(_Hit(k, m, suggestion, tense_of(v), True, exact=False))
                            break
        for phrase in lex.phrases.get(verb, ()):
            last = _phrase(toks, k, phrase, lex)
            if last is not None:
                tense = tense_of(t) if verbal else "inf"
                hits.append(_Hit(k, last, phrase.verb, tense, phrase.passive or t.passive))
                break
    if hits:
        # "ett av nämnden fattat beslut": a participle before its noun, not a light verb
        participles = {p for _, p, _ in prenominal_modifiers(toks)}
        hits = [h for h in hits if h.first not in participles]
    return _no_overlap(hits)


_VERBAL_ENDINGS = ("ande", "andet", "ende", "endet")


def _verbal_noun(toks: list[Token], k: int, lex: Lexicon) -> _Hit | None:
    """A preposition right before a verbal noun with no article: "Vid uteblivande", "efter erhållande"."""
    noun = toks[k + 1]
    if toks[k].upos != "ADP" or noun.placeholder or len(noun.lower) < 8:
        return None
    if noun.upos != "NOUN":
        # the tagger reads some as present participles; one that modifies a noun is an adjective
        # ("vid pågående behandling")
        after = toks[k + 2] if k + 2 < len(toks) else None
        if noun.upos not in ("ADJ", "VERB") or (after is not None and after.upos in ("NOUN", "ADJ", "PROPN")):
            return None
    lower = noun.lower
    ending = next((e for e in _VERBAL_ENDINGS if lower.endswith(e)), None)
    if ending is None:
        return None
    base = lower[: len(lower) - len(ending)] + ending[:4]  # "uteblivandet" → "uteblivande"
    if base in lex.verbal_noun_exceptions or noun.lemma in lex.verbal_noun_exceptions or any(
        base.endswith(e) for e in lex.verbal_noun_exceptions if len(e) >= 5
    ):
        return None  # "vid särskilt boende", "efter beslut om omhändertagande"
    verb = base[:-4] + ("a" if base.endswith("ande") else "")  # uteblivande → utebliva, gående → gå
    return _Hit(k, k + 1, verb, "inf", False, exact=False)


def _after_reverse_gap(toks: list[Token], m: int) -> int:
    """Where the verb after an action noun should stand: past up to two short prepositional
    phrases that belong to the noun ("anmälan om förhinder har gjorts", "utbetalning av bidraget
    sker"), then past auxiliaries and adverbs."""
    for _ in range(2):  # "ansökan om förlängning av insatsen har gjorts": at most two phrases
        if m < len(toks) and _is_preposition(toks[m]) and not is_verb(toks[m]):
            head = _np_head(toks, m + 1)
            if head is None or head - m > 3:
                break
            m = head + 1
    return _skip(toks, m, _REVERSE_GAP_UPOS, limit=3)


def _skip(toks: list[Token], m: int, upos: set[str], limit: int = _MAX_GAP) -> int:
    start = m
    while m < len(toks) and m - start < limit and toks[m].upos in upos and not toks[m].placeholder:
        if toks[m].xpos.startswith("PL") or toks[m].lower in _PARTICLES:
            break  # "ta fram ett beslut" is not "ta beslut"
        m += 1
    return m


def _forward(toks: list[Token], k: int, pattern: _Pattern, lex: Lexicon) -> _Hit | None:
    m = k + 1
    if pattern.link:
        m = _skip(toks, m, {"ADV"}, limit=2)
        for word in pattern.link:
            if m >= len(toks) or not (toks[m].lemma == word or toks[m].lower == word):
                return None
            m += 1
    gap_start = m
    m = _skip(toks, m, _GAP_UPOS)
    if m >= len(toks) or not is_noun(toks[m]) or "Case=Gen" in toks[m].feats:
        return None
    if any(t.lower in ("sig", "mig", "dig", "oss") for t in toks[gap_start:m]):
        return None  # "ställa sig frågan" is to wonder, not to ask
    noun = lex.noun_lemma(toks[m])
    if noun not in pattern.nouns or (noun in lex.indefinite_only and "Definite=Def" in toks[m].feats):
        return None
    last = m
    if not pattern.link and m + 1 < len(toks) and toks[m + 1].lower == "av":
        last = m + 1  # "gjorde en bedömning av ärendet" → "bedömde ärendet"
    verb = toks[k]
    return _Hit(k, last, pattern.nouns[noun], tense_of(verb), pattern.passive or verb.passive)


def _phrase(toks: list[Token], k: int, phrase: _Phrase, lex: Lexicon) -> int | None:
    m = k
    for slot in phrase.words:
        if not slot:
            start = m
            # a genitive or a possessive works as a determiner: "till nämndens kännedom", "vår kännedom"
            while m < len(toks) and m - start < 2 and (_is_genitive(toks[m]) or "Poss=Yes" in toks[m].feats):
                m += 1
            m = _skip(toks, m, _GAP_UPOS - {"PRON"}, limit=3)
            continue
        if m >= len(toks) or not _match_word(toks[m], slot, lex):
            return None
        m += 1
    return m - 1


def _is_genitive(t: Token) -> bool:
    return t.xpos.endswith("|GEN") or "Case=Gen" in t.feats


def _no_overlap(hits: list[_Hit]) -> list[_Hit]:
    out: list[_Hit] = []
    for h in sorted(hits, key=lambda h: (h.first, -(h.last - h.first))):
        if not out or h.first > out[-1].last:
            out.append(h)
    return out


def noun_chains(toks: list[Token], min_links: int, lex: Lexicon | None = None) -> list[tuple[int, int, int]]:
    """(first, last, links): nouns tied by prepositions, "förslag till ändring av reglerna om
    ersättning för resor". A noun phrase may have determiners, adjectives, genitives and "och";
    a multi-word preposition ("på grund av") is one link."""
    out = []
    n = len(toks)
    if sum(1 for t in toks if t.upos == "ADP") < min_links:
        return out  # not enough prepositions for a chain
    k = 0
    while k < n:
        skip = _complex_preposition(toks, k, lex) if toks[k].upos in ("ADP", "NOUN") else 0
        if skip:
            k += skip  # the noun in "på grund av" does not start a chain
            continue
        if not _is_noun(toks[k]) or _stop(toks[k], lex):
            k += 1
            continue
        first, last, links = k, k, 0
        while True:
            m = last + 1
            if m + 1 < n and toks[m].upos == "CCONJ" and toks[m].lower in ("och", "eller"):
                q = _np_head(toks, m + 1)
                if q is not None and not _stop(toks[q], lex):
                    last = q
                    continue
            skip = _complex_preposition(toks, m, lex) if m < n and toks[m].upos == "ADP" else 0
            if skip or (m < n and _is_preposition(toks[m])):
                q = _np_head(toks, m + (skip or 1))
                if q is not None and not _stop(toks[q], lex):
                    links += 1
                    last = q
                    continue
            break
        if links >= min_links:
            out.append((first, last, links))
        k = last + 1
    return out


def _complex_preposition(toks: list[Token], m: int, lex: Lexicon | None) -> int:
    """The number of words of a multi-word preposition starting at ``m``, else 0."""
    if lex is None or m >= len(toks):
        return 0
    for words in lex.complex_prepositions.get(toks[m].lower, ()):
        if tuple(t.lower for t in toks[m : m + len(words)]) == words:
            return len(words)
    return 0


def _stop(t: Token, lex: Lexicon | None) -> bool:
    """Time and measure nouns ("för april", "med 5 900 kronor") end a chain: they are not nominal style."""
    return lex is not None and (t.lemma in lex.chain_stops or t.lower in lex.chain_stops)


def _is_noun(t: Token) -> bool:
    return (is_noun(t) or t.upos == "PROPN") and not t.placeholder and is_word(t)


def _is_preposition(t: Token) -> bool:
    if t.upos != "ADP" or t.xpos.startswith("PL"):
        return False
    return t.lower not in ("som", "än", "såsom")


def _np_head(toks: list[Token], m: int) -> int | None:
    """The head noun of a noun phrase starting at ``m`` (after modifiers), or None."""
    start = m
    while m < len(toks) and m - start < 4 and (
        toks[m].upos in ("DET", "ADJ", "NUM")
        or (toks[m].upos == "PRON" and "Poss=Yes" in toks[m].feats)
        or (toks[m].upos in ("NOUN", "PROPN") and "Case=Gen" in toks[m].feats)
    ):
        m += 1
    if m < len(toks) and _is_noun(toks[m]):
        return m
    return None


@register
class NominalStyle(Rule):
    id = "KS204"
    name = "substantivsjuka"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Substantivsjuka"
    explanation = (
        "Substantivsjuka är när ett verb görs om till ett substantiv och ett tomt verb får bära "
        "meningen: ”genomföra en kontroll” i stället för ”kontrollera”, ”fatta beslut om” i stället "
        "för ”besluta om”. Texten blir tyngre och mer abstrakt. Långa kedjor av substantiv bundna med "
        "prepositioner (”förslag till ändring av reglerna om ersättning för resor till och från "
        "skolan”) är svåra att följa; skriv om dem med verb. Tids- och måttord (”för april”, ”med "
        "500 kronor”) räknas inte in i kedjan."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.4; Svarta listan; Språkrådet, Klarspråk"
    options = {"chain_links": 4}
    examples = (
        Example(bad="Vi genomförde en kontroll av dina uppgifter.", good="Vi kontrollerade dina uppgifter."),
        Example(bad="Nämnden fattade beslut om bistånd den 3 mars.", good="Nämnden beslutade om bistånd den 3 mars."),
        Example(bad="Du är i behov av stöd i hemmet.", good="Du behöver stöd i hemmet."),
        Example(
            bad="Frågan har varit föremål för prövning i domstol.",
            good="Frågan har prövats i domstol.",
        ),
        Example(bad="Utbetalningen sker den 25:e varje månad.", good="Besöket sker på Torggatan 2, plan 3."),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        lex = lexicon(tuple(ctx.config.lexicons))
        min_links = int(self.option(ctx, "chain_links"))
        blocks = ctx.document.blocks
        for s, toks in judged_sentences(ctx, _RUNNING):
            block = blocks[s.block]
            if is_quote_block(block):
                continue
            hits = find_nominal(toks, lex)
            chains = (noun_chains(toks, min_links, lex)
                      if min_links > 0 and block.kind in _PROSE and any(is_finite(t) for t in toks) else [])
            if not hits and not chains:
                continue
            quotes = block_quotes(ctx, s.block)
            for hit in hits:
                first, last = toks[hit.first], toks[hit.last]
                if in_spans(quotes, first.start, last.end):
                    continue
                span = block.text[first.start : last.end]
                if any(ctx.is_accepted(t.text) for t in toks[hit.first : hit.last + 1] if is_noun(t)):
                    continue
                form = conjugate(hit.verb, hit.tense, lex.verb_forms, passive=hit.passive) if hit.exact else None
                if form and form != hit.verb:
                    message = f"Substantivsjuka: ”{span}” kan skrivas ”{form}”."
                else:
                    form = hit.verb
                    message = f"Substantivsjuka: skriv hellre med verbet ”{form}” än ”{span}”."
                yield ctx.finding(self, s.block, first.start, last.end, message, suggestions=[form], sentence=s.text)
            # chains only in real sentences of running text: a title ("Rutin för kontroll av
            # arbetstillstånd vid rekrytering") names a document and cannot be rewritten
            if chains:
                for a, b, links in chains:
                    if in_spans(quotes, toks[a].start, toks[b].end):
                        continue
                    span = block.text[toks[a].start : toks[b].end]
                    yield ctx.finding(
                        self,
                        s.block,
                        toks[a].start,
                        toks[b].end,
                        f"Lång kedja av substantiv och prepositioner ({links + 1} substantiv): ”{span}”. "
                        "Skriv om med verb, eller dela upp meningen.",
                        severity=severity(ctx, self, Severity.INFO),
                        sentence=s.text,
                    )
