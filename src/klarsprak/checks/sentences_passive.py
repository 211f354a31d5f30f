"""KS202 passiv form and KS203 dubbel passiv.

The NLP stage marks passive verbs (``Token.passive``): s-passives from the SUC tag minus deponents,
and the participle of "bli/vara + participle". Here:

- One KS202 finding per passive verb. Severity: warning when the verb names something the authority
  does ("avslås", "beviljas", "har bedömts" …) and no agent is given — the authority is the hidden
  actor; info for other passives and for passives with an agent ("prövades av nämnden").
- Profiles: in beslut, brev and mall every passive is reported; in utredning and rapport (where the
  passive is the norm) only a passive that hides the authority, as info (option ``all_passives``).
- "vara + participle" is flagged only for authority verbs ("är beviljad"); "du är folkbokförd" and
  "är bosatt" describe a state. "blir oförändrad" is an adjective.
- Never flagged (lists in ``rules/passiv.yaml``): deponents ("finns", "hoppas"), impersonal set
  phrases ("det krävs"), s-forms meaning that something changes by itself ("om din inkomst
  ändras"), idioms ("omfattas av", "räknas som"), the decision line that names the decision-maker
  ("Beslutet har fattats av Anna Berg"), and passives inside quotation marks or in blocks styled as
  quotations: quoted law text is not the writer's to rewrite.
- The suggestion is built from the verb itself ("avslås" → "vi avslår", "har beviljats" → "vi har
  beviljat"), or from the agent when there is one ("nämnden prövade").
- A few forms the tagger misses are caught here, for authority verbs only: "Din ansökan avslås."
  with "avslås" read as a noun, "blev avslagen" with the participle read as a noun. For any verb:
  an -s form tagged active ("den ändring som begärs"), an s-form taken for a reciprocal inside a
  derived verb ("återbetalas" ends like "talas"), a participle after "bli" that the dictionary knows
  ("hade blivit vräkt").
- Not passive after all: a noun in -s tagged as a verb ("har artros"), "vi ses" (= meet), "om
  handlingar fattas" (= are missing).
- A double passive (KS203) is left to KS203 when that rule is enabled, so the same words do not get
  two findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    SENTENCE_BLOCKS,
    active_from_s_passive,
    block_quotes,
    conjugate,
    dictionary_lemma,
    in_spans,
    is_finite,
    is_quote_block,
    is_verb,
    judged_sentences,
    looks_like_verb,
    severity,
    tense_of,
)
from klarsprak.findings import Category, Finding, Severity
from klarsprak.nlp.types import Token
from klarsprak.resources import load_rules_yaml

_BETWEEN = {"inte", "ej", "icke", "redan", "också", "även", "alltså", "därför", "helt", "delvis", "då", "nu",
            "endast", "bara", "dock", "därmed", "således", "inte heller", "heller", "alltid", "aldrig"}
_BLI = {"bli", "blir", "blev", "blivit", "bliva", "blivande"}
_BLI_FORMS = _BLI | {w.capitalize() for w in _BLI} | {"inte", "ej", "redan", "också"}  # before a participle
_VARA = {"vara", "är", "var", "varit", "vore"}
_CLAUSE_END = {",", ".", ";", ":", "!", "?", "–", "(", ")"}
_SUBJECT_STOP = ("SCONJ", "CCONJ")


@dataclass(frozen=True)
class _Lexicon:
    deponents: frozenset[str]
    impersonal: frozenset[str]
    mediopassive: frozenset[str]
    idiomatic: frozenset[str]
    before_som: frozenset[str]
    formula: frozenset[str]
    authority: frozenset[str]
    authority_stems: frozenset[str]
    not_agent: frozenset[str]
    nouns_before_agent: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = load_rules_yaml("passiv.yaml")
    return _Lexicon(
        deponents=frozenset(data["deponents"]),
        impersonal=frozenset(data["impersonal"]),
        mediopassive=frozenset(data.get("mediopassive") or ()),
        idiomatic=frozenset(data.get("idiomatic") or ()),
        before_som=frozenset(data.get("idiomatic_before_som") or ()),
        formula=frozenset(data.get("formula_with_agent") or ()),
        authority=frozenset(data["authority_verbs"]),
        authority_stems=frozenset(v[:-1] for v in data["authority_verbs"] if len(v) >= 5),
        not_agent=frozenset(data["not_agent_before_av"]),
        nouns_before_agent=frozenset(data["nouns_before_agent"]),
    )


def _verb_lemma(t: Token) -> str:
    """The infinitive of a passive verb: the lemma when it looks like one, else from the form."""
    lemma = t.lemma.lower()
    if lemma.endswith("s") and not lemma.endswith("ss") and t.lower == lemma:
        lemma = lemma[:-1]
    return lemma


def _participle_verb(t: Token) -> str | None:
    """The verb of a first-conjugation participle ("beviljad", "beviljade", "beviljat" → "bevilja")."""
    lemma = t.lemma.lower()
    if lemma and lemma[-1] in "aeiouyåäö" and not lemma.endswith(("ad", "ade")):
        return lemma  # the lemmatizer already gave the verb
    lower = t.lower
    for ending in ("ade", "ad", "at"):
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return lower[: -len(ending)] + "a"
    return None


def participle_verbs(form: str) -> set[str]:
    """Infinitives a participle may come from: "beviljad" → bevilja, "bedömt" → bedöma,
    "utrett" → utreda, "godkänt" → godkänna."""
    out = set()
    for ending, replacement in (("ade", "a"), ("ad", "a"), ("at", "a"), ("tt", "da"), ("dda", "da"), ("dd", "da"),
                                ("da", "a"), ("ta", "a"), ("d", "a"), ("t", "a")):
        if form.endswith(ending) and len(form) - len(ending) >= 3:
            stem = form[: -len(ending)]
            out.add(stem + replacement)
            if replacement == "a" and stem[-1] not in "aeiouyåäö":
                out.add(stem + stem[-1] + "a")  # godkänt → godkänna
    return out


def is_authority_verb(lemma: str, form: str = "") -> bool:
    lex = lexicon()
    if lemma in lex.authority or any(v in lex.authority for v in participle_verbs(form)):
        return True
    # strong participles and longer forms: "avslagen" (avslå), "utbetalningsbar" … a known stem first
    stems = lex.authority_stems
    return any(word[:n] in stems for word in (lemma, form) if word for n in range(4, len(word) + 1))


def _is_excluded(t: Token) -> bool:
    lex = lexicon()
    lemma = _verb_lemma(t)
    return t.lemma in lex.deponents or lemma + "s" in lex.deponents or t.lemma in lex.impersonal or (
        lemma + "s" in lex.impersonal or t.lower in ("krävs", "behövs", "finns", "saknas", "fanns")
    ) or lemma + "s" in lex.mediopassive or lemma + "s" in lex.idiomatic


_GENITIVE_ENDINGS = ("ernas", "arnas", "ornas", "ens", "ets", "ndes")


def is_s_passive(t: Token) -> bool:
    return (
        t.passive and not t.xpos.startswith("PC") and t.lower.endswith("s") and not _is_excluded(t)
        and not t.lower.endswith(_GENITIVE_ENDINGS)  # "insatsernas", "förtroendevaldas" read as verbs
    )


_PARTICIPLE_ENDINGS = ("ad", "ade", "at", "en", "na", "d", "t")


_NOT_NEGATION = ("om", "över", "ord", "org", "ori", "off", "ope", "opt", "oro", "och")


def _negated_adjective(form: str) -> bool:
    """"oförändrad", "obesvarad": an un-adjective built on a participle, not a passive."""
    return form.startswith("o") and len(form) > 6 and not form.startswith(_NOT_NEGATION)


def _untagged_participle(toks: list[Token], k: int) -> bool:
    """A participle the tagger missed after "bli": "blev avslagen" read as a noun, "blev beviljad"
    as an adverb: authority verbs, and any verb whose participle the dictionary knows."""
    t = toks[k]
    if t.passive or t.xpos.startswith("PC") or t.upos not in ("ADJ", "ADV", "NOUN", "VERB"):
        return False
    j = k - 1
    while j >= 0 and toks[j].lower in _BETWEEN:
        j -= 1
    if j < 0 or toks[j].lower not in _BLI:
        return False
    if k + 1 < len(toks) and toks[k + 1].upos == "NOUN":
        return False
    # any verb the dictionary confirms: "hade blivit vräkt" with "vräkt" read as a noun
    if t.upos != "ADJ" and len(t.lower) >= 5 and t.lower.endswith(("d", "t")) and dictionary_lemma(t.lower) in participle_verbs(t.lower):
        return True
    if t.upos == "NOUN" and not t.lower.endswith(("en", "ad", "ade", "at")):
        return False  # "det blev beslutet"
    return len(t.lower) > 5 and t.lower.endswith(_PARTICIPLE_ENDINGS) and is_authority_verb("", t.lower)


def _untagged_s_passive(toks: list[Token], k: int) -> bool:
    """An s-passive of an authority verb the tagger read as a noun ("Din ansökan avslås." with
    "avslås" as a plural noun). Only when the sentence has no other finite verb, so the s-form must
    be its verb, or right after a modal ("kan omprövas")."""
    t = toks[k]
    if t.passive or not t.lower.endswith("s"):
        return False
    tagged_s_form = is_verb(t) and t.xpos.endswith("SFO")  # the tagger says s-form, the passive mark is missing
    if not tagged_s_form and (is_verb(t) or not looks_like_verb(t)):
        return False
    before = ("DET", "ADP") if tagged_s_form else ("DET", "ADJ", "ADP")  # a genitive: "den sökandes"
    if k == 0 or toks[k - 1].upos in before or "Poss=Yes" in toks[k - 1].feats:
        return False
    lemma = t.lower[:-1]
    if not is_authority_verb(lemma) or (lemma + "s") in lexicon().deponents:
        return False
    after_modal = toks[k - 1].upos == "AUX"
    return tagged_s_form or after_modal or not any(is_finite(u) for j, u in enumerate(toks) if j != k)


def _mistagged_s_passive(toks: list[Token], k: int) -> bool:
    """An s-passive the tagger got wrong, for any verb: "den ändring som begärs" tagged as an active
    preterite, or "ska återbetalas" taken for a reciprocal because it ends like "talas"."""
    t = toks[k]
    if t.passive or not t.xpos.startswith("VB") or not t.lower.endswith("s") or len(t.lower) < 5:
        return False
    lemma = t.lemma.lower()
    if t.xpos.endswith("SFO"):
        # the NLP stage found a reciprocal only inside a derived verb: "be|talas", "för|talas"
        ends = [f for f in _reciprocal_forms() if t.lower.endswith(f) and len(t.lower) - len(f) >= 3]
        return bool(ends) and all(t.lower[: -len(f)].endswith(("be", "för")) for f in ends) and not _is_excluded(t)
    stem = t.lower[:-1]
    # "begärs" (begära), "avslås" (avslå): the -s form of the lemma, tagged active
    return not lemma.endswith("s") and (stem == lemma or stem == lemma[:-1]) and not _is_excluded(t)


@lru_cache(maxsize=1)
def _reciprocal_forms() -> frozenset[str]:
    from klarsprak.nlp.passive import reciprocals

    return frozenset(f for f in reciprocals()[1] if len(f) >= 5)


def _not_a_verb(t: Token) -> bool:
    """A noun in -s tagged as an s-form ("du har artros"): neither the tagger nor the dictionary
    finds a verb under it."""
    return t.lemma.lower() == t.lower and dictionary_lemma(t.lower) == t.lower


# "Vi ses på tisdag": a plural person subject makes "ses" mean "see each other"; "ses över", "ses som"
# and an agent keep it passive
_RECIPROCAL_SUBJECTS = {"vi", "ni", "de"}
_PASSIVE_AFTER_SES = {"över", "som", "av", "till", "igenom"}


def _reciprocal_ses(toks: list[Token], k: int) -> bool:
    t = toks[k]
    if _verb_lemma(t) != "se":
        return False
    prev = toks[k - 1].lower if k > 0 else ""
    nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
    return (prev in _RECIPROCAL_SUBJECTS or nxt in _RECIPROCAL_SUBJECTS) and nxt not in _PASSIVE_AFTER_SES


# "om handlingar fattas": "fattas" = "saknas" unless the sentence is about a decision or a stand
_FATTA_OBJECTS = ("beslut", "ställning", "avgörande", "tycke", "misstanke", "mod", "kärlek")


def _missing_fattas(toks: list[Token], k: int) -> bool:
    t = toks[k]
    if t.lower not in ("fattas", "fattades"):
        return False
    return not any(u.lower.startswith(_FATTA_OBJECTS) or u.lemma.endswith("beslut") for u in toks)


_DOUBLE_AUX = ("ha", "kunna", "böra", "behöva")
_SUBJECT_POS = ("DET", "PRON", "ADJ", "NOUN", "PROPN")


def _after_inverted_subject(toks: list[Token], j: int) -> int:
    """Past a short subject after an inverted s-passive, when an auxiliary follows it:
    "bedöms behovet kunna tillgodoses", "anses ditt behov ha tillgodosetts"."""
    n = j
    while n < len(toks) and n - j < 3 and toks[n].upos in _SUBJECT_POS and toks[n].lower not in _DOUBLE_AUX:
        n += 1
    while n < len(toks) and toks[n].lower in _BETWEEN:
        n += 1
    return n if n > j and n < len(toks) and toks[n].lower in _DOUBLE_AUX else j


def double_passives(toks: list[Token]) -> list[tuple[int, int]]:
    """Pairs (k, j) of an s-passive followed by a passive infinitive or supine: "föreslås inrättas",
    "anses ha fattats"."""
    out = []
    if sum(1 for t in toks if t.passive) < 2:
        return out
    for k, t in enumerate(toks):
        if not t.passive or not is_s_passive(t) or t.placeholder:
            continue
        j = k + 1
        while j < len(toks) and j - k <= 2 and toks[j].lower in _BETWEEN:
            j += 1
        j = _after_inverted_subject(toks, j)
        if j < len(toks) and toks[j].lower in _DOUBLE_AUX:
            j += 1
        if j >= len(toks) or not is_s_passive(toks[j]):
            continue
        second = toks[j]
        # the second verb is an infinitive (or a supine after "ha"); a present passive is only
        # ambiguous when it ends in -as ("inrättas"): "som sammanställs redogörs" is two clauses
        tense = tense_of(second)
        if tense == "prs" and not second.lower.endswith("as"):
            continue
        if tense not in ("inf", "sup", "prs"):
            continue
        if j + 1 < len(toks) and toks[j + 1].upos == "NOUN":
            continue  # a genitive before its noun: "granskades förtroendevaldas utsatthet"
        out.append((k, j))
    return out


def _aux_chain(toks: list[Token], k: int) -> list[Token]:
    """The auxiliaries that go with the verb at ``k``: "ska", "har", "kommer att", "har … kunnat"."""
    chain: list[Token] = []
    j = k - 1
    while j >= 0 and (toks[j].upos == "AUX" or toks[j].lower == "att" or toks[j].lower in _BETWEEN):
        if toks[j].lower in _BLI:
            break
        chain.insert(0, toks[j])
        j -= 1
    while chain and (chain[0].lower in _BETWEEN or chain[0].lower == "att"):
        chain.pop(0)
    if chain and is_finite(chain[0]):
        return chain
    if chain or tense_of(toks[k]) in ("inf", "sup"):
        # inverted clause: "Därför har din ansökan avslagits" — the finite auxiliary stands before the subject
        for j in range(j, max(-1, j - 6), -1):
            if toks[j].text in _CLAUSE_END or toks[j].upos in _SUBJECT_STOP or toks[j].lower == "som":
                break
            if toks[j].upos in ("AUX", "VERB") and is_finite(toks[j]):
                if toks[j].upos == "AUX" and toks[j].lower not in _BLI | _VARA:
                    extra = [toks[j]] + ([toks[j + 1]] if toks[j + 1].lower == "att" else [])
                    return extra + chain
                break
    return chain


def _active_phrase(toks: list[Token], k: int) -> str | None:
    """The active verb phrase for the s-passive at ``k``: "ska betalas ut" → "ska betala ut",
    "avslagits" → "har avslagit". None when no grammatical form can be built."""
    t = toks[k]
    tense = tense_of(t) or ("inf" if k and toks[k - 1].upos == "AUX" else "prs")  # a form the tagger missed
    chain = _aux_chain(toks, k)
    words = ["ska" if c.lower == "skall" else c.lower for c in chain]  # KS102 asks for "ska" too
    if not chain:
        if tense == "prs" and k > 0 and toks[k - 1].lower == "att":
            return None  # an infinitive tagged as present: "för att färdigställas"
        if tense == "sup":
            words = ["har"]  # "som inte avslutats" (ha dropped in a subordinate clause)
        elif tense == "inf":
            if not t.lower.endswith("as") or (k > 0 and toks[k - 1].lower == "att"):
                return None  # "för att färdigställas": no safe active form
            if k > 0 and toks[k - 1].upos == "VERB" and is_finite(toks[k - 1]):
                words = [toks[k - 1].lower]  # "behöver utredas" → "behöver utreda", never "utredar"
            else:
                tense = "prs"  # "-as" is also the present: "inte kontrolleras"
    active = active_from_s_passive(t.text, tense)
    if not active:
        return None
    return " ".join(words + [active]) + _particle(toks, k)


# what a genitive governs: "den sökandes behov", "den enskildes egna val"
_GOVERNED = ("NOUN", "ADJ", "PROPN", "NUM", "DET")


def _plausible_verb(toks: list[Token], k: int) -> bool:
    """Guards against genitives tagged as s-passives: "den sökandes behov", "Malmö stads riktlinjer"."""
    t = toks[k]
    if not tense_of(t) or t.lower.endswith(("andes", "endes")):
        return False
    prev = toks[k - 1] if k > 0 else None
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    if prev is not None and prev.upos == "ADP":
        return False  # "i höstas"
    if prev is not None and (prev.upos in ("DET", "ADJ") or "Poss=Yes" in prev.feats):
        # "den sökandes behov", "vår webbplats": a genitive or a noun; an agent after it makes a
        # passive verb ("Ett sådant förordnas av förvaltningsrätten")
        if "Poss=Yes" in prev.feats or (nxt is None or nxt.upos in _GOVERNED) and not (nxt is not None and nxt.lower == "av"):
            return False
        if nxt.lower != "av" and prev.upos == "DET":
            return False
    if prev is not None and "Case=Gen" in prev.feats:
        return False  # a noun after a genitive, not a verb: "kommunens webbplats"
    return not (prev is not None and prev.upos == "PROPN" and k + 1 < len(toks) and toks[k + 1].upos in ("ADJ", "NOUN"))


def _is_formula_verb(form: str) -> bool:
    """"fattats", "fattat", "beslutades": a form of a verb of the decision line (by its stem, since
    the lemmatizer is unsure of these forms)."""
    return any(form.startswith(verb[:-1]) for verb in lexicon().formula if len(verb) > 4)


def _next_word(toks: list[Token], k: int) -> str:
    """The next word after ``k``, skipping "inte" and short adverbs."""
    for t in toks[k + 1 :]:
        if t.lower not in _BETWEEN:
            return t.lower
    return ""


def _particle(toks: list[Token], k: int) -> str:
    if k + 1 < len(toks) and toks[k + 1].xpos.startswith("PL"):
        return " " + toks[k + 1].lower
    return ""


def _owns_av(prev: Token, lex: _Lexicon) -> bool:
    """"av" after ``prev`` belongs to it, not to the passive verb: a noun's ("sökandens inkomster av
    sjukpenning"), or a participle's after a determiner ("de av riksnormen fastställda beloppen").
    Not after the nouns in ``nouns_before_agent`` ("den 3 mars av nämnden", "på uppdrag av nämnden")."""
    if prev.upos == "DET" or prev.lower in ("de", "den", "det"):  # tagged PRON as often as DET
        return True
    return prev.upos in ("NOUN", "PROPN") and prev.lower not in lex.nouns_before_agent


def _agent(toks: list[Token], k: int) -> str | None:
    """The agent of the passive at ``k`` ("av nämnden"), or None."""
    lex = lexicon()
    for j in range(k + 1, min(len(toks), k + 9)):
        t = toks[j]
        if t.text in _CLAUSE_END or t.upos in ("SCONJ",) or is_finite(t) or t.lower == "som":
            return None
        if t.lower != "av" or t.xpos.startswith("PL"):
            continue
        if toks[j - 1].lower in lex.not_agent or _owns_av(toks[j - 1], lex):
            continue
        m = j + 1
        while m < len(toks) and toks[m].upos in ("DET", "ADJ", "NUM") or (
            m < len(toks) and "Case=Gen" in toks[m].feats and toks[m].upos in ("NOUN", "PROPN")
        ):
            m += 1
        if m < len(toks) and toks[m].upos in ("NOUN", "PROPN", "PRON") and not toks[m].placeholder:
            while m + 1 < len(toks) and toks[m].upos == "PROPN" and toks[m + 1].upos == "PROPN":
                m += 1  # a full name: "av Anna Berg"
            words = [x.text for x in toks[j + 1 : m + 1]]
            agent = " ".join(words)
            return agent if toks[m].upos != "PRON" else agent.lower()
        return None
    return None


@register
class Passive(Rule):
    id = "KS202"
    name = "passiv-form"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Passiv form som döljer vem som handlar"
    explanation = (
        "Med passiv form (”Din ansökan avslås”) framgår det inte vem som gör något. I ett beslut ska "
        "läsaren se att det är myndigheten som beslutar: skriv ”Vi avslår din ansökan”. Aktiv form är "
        "också lättare att läsa. Passiv form kan vara befogad när det inte spelar någon roll vem som "
        "handlar; därför är passiv med utsagd handlande (”av nämnden”) och passiv av andra verb bara "
        "information. I utredningar och rapporter markeras bara passiv som döljer myndigheten. "
        "Deponensverb (”finns”, ”hoppas”) och citerad lagtext markeras aldrig."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.5; Språkrådet, Klarspråk"
    # Profiles where every passive is reported; elsewhere (utredning, rapport) only a passive that
    # hides the authority, as information.
    options = {"all_passives": ["beslut", "brev", "mall"]}
    examples = (
        Example(bad="Din ansökan avslås.", good="Vi avslår din ansökan.", profile="beslut"),
        Example(bad="Ansökan har prövats av socialnämnden.", good="Socialnämnden har prövat ansökan.",
                profile="beslut"),
        Example(bad="Pengarna ska betalas ut den 25 mars.", good="Vi betalar ut pengarna den 25 mars.",
                profile="beslut"),
        Example(
            bad="Du blev kallad till ett möte den 3 mars, men underlag saknades.",
            good="Vi hoppas att du trivs. Det finns hjälp att få.",
            profile="brev",
        ),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        skip_double = ctx.config.rule_enabled("KS203")
        every_passive = ctx.profile in self.option(ctx, "all_passives")
        blocks = ctx.document.blocks
        for s, toks in judged_sentences(ctx, SENTENCE_BLOCKS):
            if is_quote_block(blocks[s.block]):
                continue
            # the candidates: tagged passives, and the forms the tagger may have missed (an s-form
            # that is not a verb, a word after "bli")
            candidates = [k for k, t in enumerate(toks) if t.passive or (
                t.upos != "PUNCT" and (t.text[-1:] == "s" or (k > 0 and toks[k - 1].text in _BLI_FORMS))
            )]
            if not candidates:
                continue
            quotes = block_quotes(ctx, s.block)
            doubled = {i for pair in double_passives(toks) for i in pair} if skip_double else set()
            for k in candidates:
                t = toks[k]
                if t.placeholder or k in doubled or in_spans(quotes, t.start, t.end):
                    continue
                untagged_s = not t.passive and _untagged_s_passive(toks, k)
                mistagged_s = not t.passive and not untagged_s and _mistagged_s_passive(toks, k)
                if not t.passive and not untagged_s and not mistagged_s and not _untagged_participle(toks, k):
                    continue
                if t.lower.endswith("s") and (_not_a_verb(t) or _reciprocal_ses(toks, k) or _missing_fattas(toks, k)):
                    continue
                if untagged_s:
                    found = self._s_passive(ctx, toks, k, checked=True)
                elif mistagged_s:
                    found = self._s_passive(ctx, toks, k)
                elif is_s_passive(t):
                    found = self._s_passive(ctx, toks, k)
                elif not t.lower.endswith("s"):
                    found = self._periphrastic(ctx, toks, k)  # a participle, whatever its tag
                else:
                    found = None
                if found is not None:
                    start, message, suggestion, sev = found
                    if not every_passive:
                        if sev is not Severity.WARNING:
                            continue  # reports: only the hidden authority, and only as information
                        sev = Severity.INFO
                    yield ctx.finding(
                        self,
                        s.block,
                        start,
                        t.end,
                        message,
                        suggestions=[suggestion] if suggestion else [],
                        severity=severity(ctx, self, sev),
                        sentence=s.text,
                    )

    def _s_passive(self, ctx: Context, toks: list[Token], k: int, checked: bool = False):
        t = toks[k]
        if not checked and not _plausible_verb(toks, k):
            return None
        if _verb_lemma(t) + "s" in lexicon().before_som and _next_word(toks, k) == "som":
            return None  # "räknas som": counts as
        agent = _agent(toks, k)
        if agent and _is_formula_verb(t.lower):
            return None  # "Beslutet har fattats av Anna Berg": the required decision line
        verb = _active_phrase(toks, k)
        return self._message(t, t.start, t.text, verb, agent, is_authority_verb(_verb_lemma(t), t.lower))

    def _periphrastic(self, ctx: Context, toks: list[Token], k: int):
        t = toks[k]
        j = k - 1
        while j >= 0 and k - j <= 3 and toks[j].lower in _BETWEEN:
            j -= 1
        if j < 0 or not (toks[j].lower in _BLI | _VARA or toks[j].lemma in ("bli", "vara")):
            return None
        aux = toks[j]
        if _negated_adjective(t.lower):
            return None  # "blir oförändrad" is an adjective, not a passive
        verb_lemma = _participle_verb(t)
        authority = is_authority_verb(verb_lemma or t.lemma.lower(), t.lower)
        if (aux.lower in _VARA or aux.lemma == "vara") and not authority:
            return None  # "du är folkbokförd": a state, not an act
        active = conjugate(verb_lemma, tense_of(aux), {}) if verb_lemma else None
        verb = " ".join([c.lower for c in _aux_chain(toks, j)] + [active]) if active else None
        span = ctx.document.blocks[t.block].text[aux.start : t.end]
        agent = _agent(toks, k)
        if agent and _is_formula_verb(t.lower):
            return None  # "Beslutet är fattat av Anna Berg": the required decision line
        return self._message(t, aux.start, span, verb, agent, authority)

    @staticmethod
    def _message(t: Token, start: int, span: str, verb: str | None, agent: str | None, authority: bool):
        if agent:
            suggestion = f"{agent} {verb}" if verb else None
            message = f"Passiv form: ”{span}” … av {agent}. Aktiv form är lättare att läsa"
            message += f": ”{suggestion} …”." if suggestion else "."
            return start, message, suggestion, Severity.INFO
        suggestion = f"vi {verb}" if verb else None
        if authority:
            message = f"Passiv form: ”{span}” döljer vem som handlar. Skriv ut vem, t.ex. "
        else:
            message = f"Passiv form: ”{span}” säger inte vem som gör något. Skriv gärna i aktiv form, t.ex. "
        message += f"”{suggestion} …”." if suggestion else "med ”vi” eller ”du”."
        return start, message, suggestion, Severity.WARNING if authority else Severity.INFO


@register
class DoublePassive(Rule):
    id = "KS203"
    name = "dubbel-passiv"
    category = Category.ENKELT
    severity = Severity.ERROR
    title = "Dubbel passiv"
    explanation = (
        "Två passiva verb i rad (”föreslås inrättas”, ”beslutas upphävas”) är svåra att förstå och "
        "räknas som fel i Myndigheternas skrivregler. Skriv med ett aktivt verb och en att-sats: "
        "”Vi föreslår att … inrättas”."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.5; Svarta listan"
    examples = (
        Example(bad="En ny enhet föreslås inrättas.", good="Vi föreslår att en ny enhet inrättas."),
        Example(bad="Beslutet beslutas upphävas.", good="Nämnden beslutar att upphäva beslutet."),
        Example(bad="Ärendet anses ha avgjorts.", good="Vi anser att ärendet är avgjort."),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        blocks = ctx.document.blocks
        for s, toks in judged_sentences(ctx, SENTENCE_BLOCKS):
            if is_quote_block(blocks[s.block]):
                continue
            quotes = block_quotes(ctx, s.block)
            for k, j in double_passives(toks):
                first, second = toks[k], toks[j]
                if in_spans(quotes, first.start, second.end):
                    continue
                active = active_from_s_passive(first.text, tense_of(first))
                span = blocks[s.block].text[first.start : second.end]
                suggestion = f"vi {active} att … {second.lower}" if active else None
                message = f"Dubbel passiv: ”{span}”. Skriv med ett aktivt verb"
                message += f", t.ex. ”{suggestion}”." if suggestion else " och en att-sats."
                yield ctx.finding(
                    self, s.block, first.start, second.end, message,
                    suggestions=[suggestion] if suggestion else [], sentence=s.text,
                )
