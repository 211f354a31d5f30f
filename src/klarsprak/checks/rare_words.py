"""KS106 ovanliga ord (info): words a reader rarely meets, by Swedish word frequency (wordfreq).

Precision first. A word is rare only when: wordfreq has seen neither it nor its lemma often; it
is a real Swedish word (the spelling dictionary knows it; unknown words are KS501's); it is no
name, abbreviation (wordfreq lower-cases, so "SoL" would read as "sol") or glossary term; and it is
no compound of common words ("beslutsvägar" = "besluts" + "vägar"), split at any point, with
or without a linking -s-.
"""

from __future__ import annotations

import hashlib

from klarsprak.checks import spelling_cache
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.compounds import splits_into_common, zipf
from klarsprak.checks.speller import speller
from klarsprak.checks.vocabulary import known_words, ordinary_words
from klarsprak.findings import Category, Severity

MIN_LENGTH = 5  # short rare words are mostly foreign or technical tokens, not hard Swedish words


@register
class RareWord(Rule):
    id = "KS106"
    name = "ovanligt-ord"
    category = Category.BEGRIPLIGT
    severity = Severity.INFO
    title = "Ovanliga ord"
    explanation = (
        "Ord som sällan förekommer i svenska texter är svårare att förstå, särskilt för den som har "
        "svenska som andraspråk eller lässvårigheter. Regeln jämför orden med hur vanliga de är i "
        "stora mängder svensk text. Fundera på om det finns ett vanligare ord, eller förklara ordet."
    )
    source = "Språklagen 11 §; Myndigheternas skrivregler (Ds 2009:38); ordfrekvenser från wordfreq"
    options = {"max_frequency": 2.0, "compound_part_frequency": 3.0}
    examples = (
        Example(
            bad="Handläggaren ansåg att kostnaden var oskälig och föreslog en jämkning.",
            good="Handläggaren ansåg att kostnaden var för hög och föreslog en lägre avgift.",
        ),
        Example(
            bad="Nämnden har rådighet över frågan.",
            good="Nämnden bestämmer över frågan.",
        ),
        Example(
            bad="Vi gör en avräkning mot din skuld.",
            good="Vi drar av beloppet från din skuld.",
        ),
    )

    def check(self, ctx: Context):
        limit = float(self.option(ctx, "max_frequency"))
        part_limit = float(self.option(ctx, "compound_part_frequency"))
        known = known_words(ctx)
        judged: dict[str, str | None] = {}  # form -> the word's key when rare, else None
        flagged: set[str] = set()
        # the known words (glossary, abbreviations, word lists, the organisation's lexicons) decide
        # verdicts too: a list edit must not leave a remembered verdict behind
        prefix = f"{limit}/{part_limit}/{_digest(known)}|"
        try:
            for token, form in ordinary_words(ctx):
                if form not in judged:
                    judged[form] = None
                    if form not in known and token.lemma not in known and not ctx.is_accepted(token.text):
                        judged[form] = _cached_rare_key(prefix, form, token.lemma, limit, part_limit, known)
                key = judged[form]
                if key is None or key in flagged:
                    continue
                flagged.add(key)  # one finding per word, not per inflected form
                yield ctx.finding(
                    self, token.block, token.start, token.end,
                    f"”{token.text}” är ett ovanligt ord. Använd ett vanligare ord eller förklara det.",
                )
        finally:
            spelling_cache.save()


_digests: dict[int, tuple[frozenset[str], str]] = {}


def _digest(known: frozenset[str]) -> str:
    """A stable digest of the known words, computed once per set (one set per config)."""
    hit = _digests.get(id(known))
    if hit is None or hit[0] is not known:
        if len(_digests) >= 16:
            _digests.clear()
        hit = (known, hashlib.sha1("\n".join(sorted(known)).encode()).hexdigest()[:10])
        _digests[id(known)] = hit
    return hit[1]


def _cached_rare_key(prefix: str, form: str, lemma: str, limit: float, part_limit: float, known) -> str | None:
    """:func:`_rare_key`, remembered across runs: the cache file's name holds the dictionary and
    wordfreq versions, the key the options and the known words' digest."""
    if zipf(form) >= limit:
        return None  # the common case, cheaper than the cache
    cache_key = prefix + form + "|" + lemma
    value = spelling_cache.get_rare(cache_key)
    if value is None:
        value = _rare_key(form, lemma, limit, part_limit, known) or ""
        spelling_cache.put_rare(cache_key, value)
    return value or None


def _bases(word: str) -> list[str]:
    """The everyday word a derived form is read through: a participle's verb (handläggande ->
    handlägga, vidtagna -> vidtaga, vidta; prognostiserad -> prognostisera) and an adverb's
    adjective (månatligen -> månatlig). Only ever used to find a word common, never rare."""
    if len(word) <= 6:
        return []
    if word.endswith(("ande", "ende")):
        return [word[:-4] + "a", word[:-3]]
    if word.endswith("ligen"):
        return [word[:-2]]
    for ending in ("ade", "ad", "at"):  # first conjugation: prognostiserade, -ad, -at
        if word.endswith(ending):
            return [word[: -len(ending)] + "a"]
    for ending in ("na", "en", "et"):  # strong verbs: vidtagna, vidtagen, vidtaget; ta(ga), dra(ga)
        if word.endswith(ending):
            stem = word[: -len(ending)]
            return [stem + "a", stem[:-1]] if stem.endswith("ag") else [stem + "a"]
    return []


def _rare_key(form: str, lemma: str, limit: float, part_limit: float, known: frozenset[str]) -> str | None:
    """The word's key (its dictionary stem) when it is rare, else None."""
    if len(form) < MIN_LENGTH or "-" in form or form in known or lemma in known:
        return None
    if zipf(form) >= limit or (lemma and zipf(lemma) >= limit):
        return None
    if splits_into_common(form, part_limit):
        return None
    sp = speller()
    if not sp.known(form):
        return None  # not a word the dictionary knows: a typo (KS501) or a foreign word
    stems = sp.stems(form)
    candidates = {form, lemma, *stems}
    candidates |= {b for c in list(candidates) for b in _bases(c)}
    if any(c and (c in known or zipf(c) >= limit) for c in candidates):
        return None
    if any(c != form and len(c) >= MIN_LENGTH and splits_into_common(c, part_limit) for c in candidates if c):
        return None
    key = stems[0] if stems else (lemma or form)
    return key[:8] if len(key) > 8 else key  # "diarieföring", "diarieförs": one finding
