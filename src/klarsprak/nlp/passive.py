"""Which verb forms are passive.

Two kinds, both common in decisions ("Din ansökan avslås", "Ansökan blev avslagen"):
- the s-passive, read from the SUC tag (``VB|…|SFO``), which is more reliable than the
  morphologizer's Voice=Pass; deponents ("finns", "hoppas") and reciprocal verbs without an
  agent ("vi träffas", but "träffas av handläggaren") are not passive;
- the periphrastic passive: a form of "bli" or "vara" followed (within a few words) by a past
  participle (``PC|PRF|…``): "blev avslagen", "är beviljad". The participle is marked; those
  that describe a state ("är folkbokförd", "är gift") are not (data/stative_participles.txt).

Genitive nouns ("kommunens") and participles used as adjectives were the main false passives in a
first experiment, hence the checks on the form and part of speech.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Sequence

# SUC classes that stand before a noun, not before a finite verb: determiner, adjective,
# participle, possessive, numeral, ordinal
NOMINAL_MODIFIERS = {"DT", "JJ", "PC", "PS", "RG", "RO"}
SUBJECT_LIKE = {"de", "den", "det", "dem", "dom"}  # often pronoun subjects tagged as determiners
# what follows a genitive: its noun phrase or the end of the phrase
GOVERNED_BY_GENITIVE = {"NN", "PM", "JJ", "DT", "PS", "RG", "RO", "PC", "MAD", "MID", "PAD"}
# determiners that are never a subject on their own, so no finite verb follows them directly
ARTICLE_ONLY = {"en", "ett", "varje"}
BLI = {"bli", "blir", "blev", "blivit", "bliva"}
BLI_VARA = BLI | {"vara", "är", "var", "varit", "vore"}
# words that may stand between the auxiliary and the participle: "blev inte avslagen"
INTERVENING = {"inte", "ej", "icke", "redan", "också", "även", "alltså", "därför", "helt", "delvis", "då", "nu"}


def _load(name: str) -> tuple[frozenset[str], frozenset[str]]:
    text = resources.files("klarsprak.nlp").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    lemmas, forms = set(), set()
    for line in text.splitlines():
        words = line.split("#", 1)[0].split()
        if words:
            lemmas.add(words[0])
            forms.update(words)
    return frozenset(lemmas), frozenset(forms)


@lru_cache(maxsize=None)
def deponents() -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, forms) of deponent verbs, from data/deponents.txt."""
    return _load("deponents.txt")


@lru_cache(maxsize=None)
def reciprocals() -> tuple[frozenset[str], frozenset[str]]:
    """(lemmas, forms) of reciprocal -s verbs, from data/reciprocals.txt."""
    return _load("reciprocals.txt")


def _matches(form: str, lemma: str, table: tuple[frozenset[str], frozenset[str]]) -> bool:
    lemmas, forms = table
    form = form.lower()
    if form in forms or (lemma and lemma.lower() in lemmas):
        return True
    # compounds and particle-prefixed forms: "återfinns", "tillhandahålls" is not, "förefinns" is;
    # but be-/för- make another verb: "återbetalas" is not "talas", "befinns" is not "finns"
    endings = _long_forms(forms)
    return form.endswith(endings) and any(
        form.endswith(f) and len(form) - len(f) >= 3 and not form[: len(form) - len(f)].endswith(("be", "för"))
        for f in endings
    )


@lru_cache(maxsize=8)
def _long_forms(forms: frozenset[str]) -> tuple[str, ...]:
    """The forms a compound may end in (str.endswith takes them all at once)."""
    return tuple(sorted(f for f in forms if len(f) >= 5))


@lru_cache(maxsize=None)
def decision_participles() -> frozenset[str]:
    """Participle forms of decision verbs ("avslagen", "beviljad"), from data/decision_participles.txt."""
    text = resources.files("klarsprak.nlp").joinpath("data").joinpath("decision_participles.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() for w in line.split("#", 1)[0].split()[1:])


@lru_cache(maxsize=None)
def stative_participles() -> frozenset[str]:
    """Forms of participles that describe a state after vara/bli ("folkbokförd", "gift")."""
    return _load("stative_participles.txt")[1]


def is_deponent_form(form: str, lemma: str = "") -> bool:
    return _matches(form, lemma, deponents())


def is_reciprocal_form(form: str, lemma: str = "") -> bool:
    return _matches(form, lemma, reciprocals())


def is_s_passive(form: str, lemma: str, upos: str, xpos: str) -> bool:
    """An s-passive by tag and form, before context (reciprocals, genitives) is considered."""
    lower = form.lower()
    return (
        upos in ("VERB", "AUX")
        and not lower.endswith(("andes", "endes"))  # "den dubbelarbetandes", "de boendes": participle genitives
        and xpos.startswith("VB|")
        and xpos.endswith("SFO")
        and lower.endswith("s")
        and (not xpos.startswith("VB|SUP") or lower.endswith("ts"))  # supine: -ats, -its, -tts
        and not is_deponent_form(form, lemma)
    )


# what a token may be, before its neighbours are looked at (see ``candidate``)
NOT_PASSIVE, S_PASSIVE, S_RECIPROCAL, PERIPHRASTIC, NOUN_PARTICIPLE = range(5)


def mark_passives(forms: Sequence[str], lemmas: Sequence[str], upos: Sequence[str],
                  xpos: Sequence[str]) -> list[bool]:
    """Passive flags for the tokens of one sentence."""
    lower = [f.lower() for f in forms]
    return [confirm(candidate(forms[i], lemmas[i], upos[i], xpos[i]), lower, upos, xpos, i) for i in range(len(forms))]


def candidate(form: str, lemma: str, upos: str, xpos: str) -> int:
    """What the token alone says: NOT_PASSIVE, or the kind of passive its neighbours must confirm.

    Depends on nothing but its arguments, so a backend may keep it per distinct word and tag."""
    if is_s_passive(form, lemma, upos, xpos):
        return S_RECIPROCAL if is_reciprocal_form(form, lemma) else S_PASSIVE
    lower = form.lower()
    if _s_form_of_verb(lower, lemma, upos, xpos):
        return S_PASSIVE  # "arbetarna sugs ut": the tagger read an active verb (VB|INF|AKT)
    if lower in stative_participles():
        return NOT_PASSIVE
    if xpos.startswith("PC|PRF") or lower in decision_participles():
        return PERIPHRASTIC
    if _participle_tagged_as_noun(lower, xpos):
        return NOUN_PARTICIPLE  # "Ansökan blev avslagen": the tagger took "avslagen" for a definite noun
    return NOT_PASSIVE


def confirm(kind: int, lower: Sequence[str], upos: Sequence[str], xpos: Sequence[str], i: int) -> bool:
    """Whether token ``i`` of a sentence (lower-case forms ``lower``) with ``candidate`` ``kind`` is passive."""
    if kind == NOT_PASSIVE:
        return False
    if kind == S_PASSIVE or kind == S_RECIPROCAL:
        if _looks_genitive(lower, xpos, i):
            return False  # "en sann kvinnas livsområde": a genitive noun mistagged as a verb
        if i > 0 and lower[i - 1] in ARTICLE_ONLY:
            return False  # "en huvudtes": only a noun follows an indefinite article
        # "vi träffas", "att mötas": each other, not passive
        return kind == S_PASSIVE or _agent_follows(lower, i)
    return _after_aux(lower, upos, i, BLI_VARA if kind == PERIPHRASTIC else BLI)


def _looks_genitive(lower: list[str], xpos: Sequence[str], i: int) -> bool:
    """Between a noun modifier and what a genitive governs: "detta samhälles attityder"."""
    if i == 0 or xpos[i - 1].split("|", 1)[0] not in NOMINAL_MODIFIERS or lower[i - 1] in SUBJECT_LIKE:
        return False
    if lower[i - 1].isdigit() and xpos[i].startswith("VB|PRT"):
        return False  # "I maj 2025 beviljades du bistånd": a year put first, then the verb; "2025 års" is a noun
    return i + 1 == len(lower) or xpos[i + 1].split("|", 1)[0] in GOVERNED_BY_GENITIVE


def _agent_follows(lower: list[str], i: int) -> bool:
    """An agent phrase ("träffas av handläggaren") makes a reciprocal verb passive."""
    return "av" in lower[i + 1 : i + 4]


def _s_form_of_verb(lower: str, lemma: str, upos: str, xpos: str) -> bool:
    """A verb's s-form by its lemma ("prövas" = pröva + s, "sugs" = sug(a) + s) where the tagger said
    active verb; other parts of speech are left out ("en kollegas" = kollega + s, a genitive)."""
    lemma = lemma.lower()
    return (
        upos in ("VERB", "AUX")
        and xpos.startswith("VB")
        and len(lemma) >= 4
        and lemma.endswith("a")
        and lower in (lemma + "s", lemma[:-1] + "s")
        and not is_deponent_form(lower, lemma)
        and not is_reciprocal_form(lower, lemma)
    )


def _participle_tagged_as_noun(lower: str, xpos: str) -> bool:
    return xpos.startswith("NN|") and "|DEF|NOM" in xpos and lower.endswith(("en", "et", "na"))


def _after_aux(lower: list[str], upos: Sequence[str], i: int, auxiliaries: set[str]) -> bool:
    j = i - 1
    while j >= 0 and i - j <= 3 and lower[j] in INTERVENING:
        j -= 1
    if j < 0 or lower[j] not in auxiliaries:
        return False
    # an attributive participle ("är en avslagen ansökan") is not a passive
    return not (i + 1 < len(lower) and upos[i + 1] == "NOUN")


def suc_like(upos: str, feats: str, xpos: str) -> str:
    """The SUC tag, or a stand-in built from UD features when a user's pipeline has no SUC tags."""
    if "|" in xpos or xpos in ("VB", "PC"):
        return xpos
    pairs = dict(p.split("=", 1) for p in feats.split("|") if "=" in p)
    participle = pairs.get("VerbForm") == "Part" and pairs.get("Tense") == "Past"
    if upos in ("VERB", "AUX", "ADJ") and participle:
        return "PC|PRF"
    if upos in ("VERB", "AUX") and pairs.get("Voice") == "Pass":
        return "VB|SFO"
    return xpos
