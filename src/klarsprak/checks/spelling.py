"""KS501 stavning: Swedish spelling with the shipped Hunspell dictionary (spylls).

Cheap tests first, so the dictionary is asked only about words nothing else knows: names,
abbreviations, placeholders, numbers and addresses are never judged (``ordinary_words``); the
glossary, abbreviation lists, the organisation's lexicons and accepted terms are known; so is every
word wordfreq has seen often. Then the dictionary (with its own compounding), then compounds of
dictionary words that Hunspell's compound flags do not cover ("uppväxtvillkor|en"), then English
loan words common in Swedish. Verdicts are cached per word type, in the process and on disk
(:mod:`klarsprak.checks.spelling_cache`).
"""

from __future__ import annotations

import time

from klarsprak.checks import spelling_cache, spelling_suggest
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.compounds import NOT_COMPOUND_PARTS, zipf, zipf_en
from klarsprak.checks.speller import speller
from klarsprak.checks.vocabulary import known_words, ordinary_words
from klarsprak.findings import Category, Severity

SUGGESTION_BUDGET_S = 1.5  # per document: spylls' suggestions take 5 ms to several seconds a word
SUGGESTION_TIMEOUT_S = 0.4  # per word, for spylls' search


def is_spelled_right(form: str, trust_zipf: float) -> bool:
    """The verdict for one lower-case (or as-written) word form that no earlier filter knew."""
    if zipf(form) >= trust_zipf:
        return True
    cached = spelling_cache.get(form)
    if cached is not None:
        return cached
    verdict = _dictionary_verdict(form)
    spelling_cache.put(form, verdict)
    return verdict


def _two_common_words(form: str, sp, depth: int = 0) -> bool:
    """A compound Hunspell's compound flags miss: a dictionary word and a common word, maybe with a
    linking -s- ("års|analys", "exit|enkäter", "ny|inrättas"). Stricter than Hunspell on purpose:
    a typo rarely splits into two such words ("handägg|aren" does not: "aren" is rare). The first
    part may itself be such a compound, one level down ("års|hjul|s|kalender")."""

    def common_tail(part: str) -> bool:
        if len(part) < 3 or part in NOT_COMPOUND_PARTS or not sp.known(part):
            return False
        needed = 4.5 if len(part) == 3 else (2.5 if len(part) >= 8 else 3.0)
        return zipf(part) >= needed or any(zipf(stem) >= needed for stem in sp.stems(part))

    def good_head(part: str) -> bool:
        if len(part) < 2 or part in NOT_COMPOUND_PARTS:
            return False
        if zipf(part) >= (3.5 if len(part) <= 3 else 3.0) or (len(part) >= 6 and sp.known(part)):
            return True
        return depth == 0 and len(part) >= 6 and _two_common_words(part, sp, depth + 1)

    def long_known_head(part: str) -> bool:
        return len(part) >= 8 and part not in NOT_COMPOUND_PARTS and sp.known(part)

    for i in range(2, len(form) - 2):
        head, tail = form[:i], form[i:]
        if common_tail(tail) and (good_head(head) or (head.endswith("s") and good_head(head[:-1]))):
            return True
        # a rare but real tail after a long dictionary word: "försörjningsstöd|tagare"; a typo in
        # either part leaves it unknown, and a short head is too easy to hit by chance
        if (len(tail) >= 5 and tail not in NOT_COMPOUND_PARTS and sp.known(tail)
                and (long_known_head(head) or (head.endswith("s") and long_known_head(head[:-1])))):
            return True
    return False


# Regular verb endings, longest first: the verbal noun and present participle of any verb in -a
# (-ande, -andet) and the past forms of the first conjugation (-ade, -ad, -at, -ades, -ats). Hunspell
# knows a compound verb such as "samman|ordna" only through its compound flags, not every form of it.
_PARTICIPLE_ENDINGS = ("andets", "andet", "andes", "ande")
_PAST_ENDINGS = ("ades", "ade", "ads", "ad", "ats", "at")


def _verb_form_of_known_verb(form: str, sp) -> bool:
    """A regular form of a verb the dictionary (or the compound test) knows: "sammanordnandet" of
    "samman|ordna". Past forms only of first-conjugation verbs (the present in -ar is known too), so
    "handläggade" (handlägga, handlägger) stays a mistake."""

    def known(word: str) -> bool:
        return sp.known(word) or _two_common_words(word, sp)

    for ending in (*_PARTICIPLE_ENDINGS, *_PAST_ENDINGS):
        if form.endswith(ending) and len(form) - len(ending) >= 5:
            base = form[: -len(ending)]
            if not known(base + "a"):
                return False
            return ending in _PARTICIPLE_ENDINGS or _first_conjugation(base, sp)
    return False


def _prefixed_verb_form(form: str, sp) -> bool:
    """A form of a common verb with the verb prefix för-: "för|laddade", "för|ifyllda". "för" is kept
    out of compounds as a part on its own (it is the commonest preposition), but as a verb prefix it
    is productive, and Hunspell knows only some of those verbs. The rest must be a form of a verb
    whose present tense the dictionary knows ("laddar"), so a typo after the prefix stays a typo."""
    tail = form[3:]
    if not form.startswith("för") or len(tail) < 5 or not sp.known(tail):
        return False
    return any(stem.endswith("a") and zipf(stem) >= 3.0 and sp.known(stem + "r") for stem in sp.stems(tail))


def _first_conjugation(base: str, sp) -> bool:
    """The verb's present is ``base`` + -ar in the dictionary, or that of its last part ("ordnar")."""
    return any(base[i:] + "a" in sp.stems(base[i:] + "ar") for i in range(0, len(base) - 2))


def _dictionary_verdict(form: str) -> bool:
    sp = speller()
    if sp.known(form):
        return True
    if "-" in form:
        parts = [p for p in form.split("-") if p]
        if parts and all(sp.known(p) or zipf(p) >= 3.0 for p in parts):
            return True
    if len(form) >= 6 and (_two_common_words(form, sp) or _verb_form_of_known_verb(form, sp)
                           or _prefixed_verb_form(form, sp)):
        return True
    if "sticer" in form and _dictionary_verdict(form.replace("sticer", "stiser", 1)):
        return True  # Greek -stic- verbs spelt both ways (prognosticera/prognostisera, diagnosticera)
    return zipf_en(form) >= 4.0 and zipf(form) >= 2.0  # "feedback", "coach": loans in Swedish text


@register
class Spelling(Rule):
    id = "KS501"
    name = "stavning"
    category = Category.VARDAT
    severity = Severity.WARNING
    title = "Stavfel"
    explanation = (
        "Stavfel gör att texten ser slarvig ut och kan göra den svår att förstå. Regeln jämför orden "
        "med en svensk ordlista (Hunspell, den stora svenska ordlistan) och godkänner sammansatta ord "
        "vars delar finns i ordlistan. Namn, förkortningar, lagrum och ord i organisationens "
        "ordlistor flaggas inte. Lägg till egna ord med accepted-terms i konfigurationen."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38); Svenska Akademiens ordlista; Hunspell sv_SE"
    options = {"trust_frequency": 4.0}
    examples = (
        Example(bad="Vi har tagit emot din ansökkan.", good="Vi har tagit emot din ansökan."),
        Example(bad="Vi beslutar igentligen inte om det.", good="Vi beslutar egentligen inte om det."),
        Example(
            bad="Handäggaren kontaktar dig i nästa vecka.",
            good="Handläggaren kontaktar dig om uppväxtvillkoren och barnavårdsutredningen.",
        ),
    )

    def check(self, ctx: Context):
        trust = float(self.option(ctx, "trust_frequency"))
        known = known_words(ctx)
        verdicts: dict[str, bool] = {}
        flagged: set[str] = set()
        deadline: float | None = None  # the suggestion budget starts with the first suggestion
        try:
            for token, form in ordinary_words(ctx):
                verdict = verdicts.get(form)
                if verdict is None:
                    verdict = form in known or token.lemma in known or ctx.is_accepted(token.text)
                    verdict = verdict or is_spelled_right(form, trust)
                    if not verdict and form != token.text:
                        verdict = is_spelled_right(token.text, trust)  # names the dictionary knows: Ingrid
                    verdicts[form] = verdict
                if verdict or form in flagged:
                    continue
                flagged.add(form)
                if deadline is None:
                    deadline = time.monotonic() + SUGGESTION_BUDGET_S
                suggestions = _suggestions(token.text, form, deadline)
                if token.text[0].isupper() and not suggestions:
                    continue  # an unknown capitalised word with no near spelling is most likely a name
                message = f"Kontrollera stavningen av ”{token.text}”."
                if suggestions:
                    message += " Menar du " + " eller ".join(f"”{s}”" for s in suggestions[:3]) + "?"
                yield ctx.finding(self, token.block, token.start, token.end, message, suggestions=suggestions)
        finally:
            spelling_cache.save()


def _suggestions(text: str, form: str, deadline: float) -> list[str]:
    """Fast one-edit suggestions first; spylls' slower search while the document's budget lasts."""
    cached = spelling_cache.get_suggestions(form)
    if cached is None:
        sp = speller()
        found = spelling_suggest.suggest(form, sp.known)  # ~1-50 ms
        left = deadline - time.monotonic()
        if not found and left > 0:
            found, _ = sp.suggest(form, limit=3, timeout=min(left, SUGGESTION_TIMEOUT_S))
        cached = found
        spelling_cache.put_suggestions(form, found)  # a search cut by the clock keeps what it found
    found = [s for s in cached if s.lower() != text.lower()]
    if text[:1].isupper() and text[1:].islower():
        return [s[:1].upper() + s[1:] for s in found]
    return found
