"""Decision sentences: "Socialnämnden avslår din ansökan om …", "Du beviljas …", "Vi har beslutat att …".

A sentence states a decision when it has a decision verb (``rules/beslut.yaml``) in a form that
decides now (present tense, "har" + supine, "beslutar att" + infinitive, "är beviljad"), with the
authority or "vi" as the actor of an active verb, or the person ("du", "din ansökan") in a passive
one, and is not a condition, a proposal, a rule or a piece of history ("Om du …", "föreslås",
"kan beviljas", "tidigare beviljades"). "Du får …"/"Du har rätt till …" count only where the
caller allows them (in a decision section or the letter's first paragraph)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from klarsprak.structure.text import Sent, lower_words
from klarsprak.structure.vocab import decisions

_NOT_START = {"om", "ifall", "när", "innan", "enligt", "eftersom", "trots", "sedan", "tidigare", "efter", "medan"}
# general statements ("Bistånd beviljas inte för …", "Det beviljas …") outside a decision section
_NOT_START_OUTSIDE = {"den", "det", "bistånd", "försörjningsstöd", "ersättning"}
# a decision reported, not made: "Härmed informeras Ni om att nämnden har beslutat …"
_REPORTED = re.compile(r"\b(?:informeras|informerar|meddelas|meddelar|underrättas|underrättar|upplyses|upplyser)\b", re.IGNORECASE)
_MODALS = {"kan", "kunde", "ska", "skall", "skulle", "bör", "borde", "måste", "brukar", "kommer", "vill", "ville", "behöver", "får", "fick", "kunna", "att"}
_HISTORY = {"tidigare", "senast", "förra", "förut", "hittills", "redan", "ursprungligen"}
# habits and rules, not this decision: "Vi beviljar normalt inte bistånd till resor."
_GENERAL = {"normalt", "vanligtvis", "vanligen", "oftast", "sällan", "aldrig", "alltid", "generellt", "regel", "ibland"}
# the verb of a relative clause ("… som regeringen har fastställt") is not the authority deciding
_RELATIVE = re.compile(r"\bsom\s+(?:[\wåäöÅÄÖ-]+\s+){1,3}$", re.IGNORECASE)
_QUOTE_MARKS = "”\"“«»"


def _quoted(text: str, pos: int) -> bool:
    """Inside a quotation: an odd number of quotation marks before ``pos``."""
    return sum(text.count(q, 0, pos) for q in _QUOTE_MARKS) % 2 == 1


_PROPOSAL = re.compile(r"\bföresl(?:ås|år|og|agit|agits)\b|\bförslag", re.IGNORECASE)
_PERSON = re.compile(
    r"(?<![\w-])(?:du|dig|din|ditt|dina|ni|er|ert|era|ansökan|ansökningen|ansökningarna|begäran|begäranden|överklagandet|ärendet|"
    r"sökande|sökanden|vårdnadshavaren|barnet|den unge)(?![\w-])",
    re.IGNORECASE,
)
_DU_FAR = re.compile(r"^\W*(?:du|ni)\s+(?:får|har\s+fått|har\s+rätt\s+till|beviljas|har\s+beviljats)(\s+inte)?\b", re.IGNORECASE)
_HAR = re.compile(r"(?<![\w-])(har|hade)(?![\w-])", re.IGNORECASE)
_ATT_CLAUSE = re.compile(r"^\s*(?:om\s+)?(?:att\b|följande\b|:)", re.IGNORECASE)
_IS = {"är", "blir", "blivit", "har blivit"}
_RULE_STATEMENT = re.compile(r"\b(?:om|ifall|när|så länge)\s+(?:du|ni|man|det|den)\b|\benligt\b", re.IGNORECASE)


@dataclass(slots=True)
class Decision:
    block: int
    start: int  # sentence offsets in Block.text
    end: int
    text: str
    verb: str  # lemma of the deciding verb ("du får" for the "Du får …" form)
    verb_start: int  # offsets in Block.text
    verb_end: int
    polarity: set[str] = field(default_factory=set)  # grant / adverse / neutral
    actor: str = "none"  # authority | vi | none
    passive: bool = False

    @property
    def adverse(self) -> bool:
        return "adverse" in self.polarity

    @property
    def grant(self) -> bool:
        return "grant" in self.polarity


def find(sent: Sent, in_decision_section: bool = False) -> Decision | None:
    """The decision ``sent`` states, or None.

    ``in_decision_section``: the sentence stands where a decision is expected (under a decision
    heading, or first in the letter), so "Du får …" counts and a passive needs no "du"."""
    text = sent.text
    v = decisions()
    if not in_decision_section and not v.verb_rx.search(text):
        return None  # most sentences: no decision verb, and no need to look for a proposal
    if _PROPOSAL.search(text):
        return None
    first_words = lower_words(text[:40])
    if first_words and (first_words[0] in _NOT_START or (not in_decision_section and first_words[0] in _NOT_START_OUTSIDE)):
        return None
    for m in v.verb_rx.finditer(text):
        if _REPORTED.search(text[: m.start()]):
            return None
        if _RELATIVE.search(text[: m.start()]) or _quoted(text, m.start()):
            continue  # "den norm som regeringen har fastställt", a rule quoted from the guidelines
        d = _qualify(sent, m, in_decision_section)
        if d is not None:
            return d
    if in_decision_section:
        return _du_far(sent)
    return None


def _qualify(sent: Sent, m: re.Match[str], lenient: bool) -> Decision | None:
    v = decisions()
    text = sent.text
    form = v.verb_forms.get(" ".join(m.group().lower().split()))
    if form is None:
        return None
    pre = lower_words(text[: m.start()])
    post = lower_words(text[m.end() :])
    if any(w in _HISTORY or w in _GENERAL for w in pre) or any(w in _HISTORY or w in _GENERAL for w in post[:3]):
        return None
    near = pre[-3:]
    passive = form.kind in ("present", "perfect") and m.group().split()[0].lower().endswith("s") and not m.group().lower().startswith("beslutar")
    if form.kind == "present":
        if any(w in _MODALS for w in near):
            return None
    elif form.kind == "perfect":
        if not pre or "har" not in pre[-4:] or "hade" in pre[-4:]:
            return None
        if any(w in _MODALS for w in pre[-5:]):
            return None
    elif form.kind == "participle":
        if not pre or not (pre[-1] in _IS or (len(pre) > 1 and pre[-2] in _IS and pre[-1] in ("inte", "delvis", "helt"))):
            return None
        passive = True
    else:  # a bare infinitive decides nothing ("kan avslå")
        return None

    actor = _actor(text, m, pre, post)
    if passive:
        if not lenient and not _PERSON.search(text):
            return None
    elif actor == "none":
        return None

    polarity: set[str] = set()
    lemma = form.lemma
    if _negated(form.polarity, text, m):
        polarity.add("adverse")  # "beviljas inte"
    elif form.polarity != "neutral":
        polarity.add(form.polarity)
    if lemma == "besluta":
        rest = text[m.end() :]
        # "beslutar att …", "beslutar följande:"; not "Vi beslutar om din ansökan inom tre veckor"
        if not _ATT_CLAUSE.match(rest) and not re.match(r"\s*(?:följande|så här)\b", rest, re.IGNORECASE):
            return None
        polarity |= _embedded_polarity(rest)
    lower = text.lower()
    if v.adverse_rx.search(text) or v.adverse_phrase_rx.search(text):
        polarity.add("adverse")
    if re.search(r"\bdelvis\b", lower) and "grant" in polarity:
        polarity.add("adverse")
    if not polarity:
        polarity.add("neutral")
    return Decision(
        block=sent.block,
        start=sent.start,
        end=sent.end,
        text=text,
        verb=lemma,
        verb_start=sent.start + m.start(),
        verb_end=sent.start + m.end(),
        polarity=polarity,
        actor=actor,
        passive=passive,
    )


def _actor(text: str, m: re.Match[str], pre: list[str], post: list[str]) -> str:
    v = decisions()
    before = text[: m.start()]
    after = " ".join(post[:3])
    if v.authority_rx.search(before) or v.authority_rx.search(after):
        return "authority"
    if "vi" in pre or "vi" in post[:2]:
        return "vi"
    return "none"


def _embedded_polarity(rest: str) -> set[str]:
    """Polarity of "beslutar att avslå …", "beslutar att du ska betala tillbaka …"."""
    v = decisions()
    out: set[str] = set()
    for m in v.verb_rx.finditer(rest):
        form = v.verb_forms.get(" ".join(m.group().lower().split()))
        if form is not None and form.polarity != "neutral":
            out |= _negated(form.polarity, rest, m) or {form.polarity}
    if v.adverse_phrase_rx.search(rest):
        out.add("adverse")
    if re.search(r"\b(?:du|ni)\s+(?:ska\s+)?få(?:r)?\b", rest, re.IGNORECASE) and "adverse" not in out:
        out.add("grant")
    return out


def _negated(polarity: str, text: str, m: re.Match[str]) -> set[str]:
    if polarity != "grant":
        return set()
    v = decisions()
    window = lower_words(text[max(0, m.start() - 12) : m.start()])[-1:] + lower_words(text[m.end() :])[:3]
    return {"adverse"} if any(w in v.negations for w in window) else set()


def _du_far(sent: Sent) -> Decision | None:
    v = decisions()
    text = sent.text
    m = _DU_FAR.match(text)
    if not m:
        return None
    rest = text[m.end() :]
    head = " ".join(rest.split()[:8])
    if not v.benefit_rx.search(head):
        return None
    # "Du har rätt till bistånd om du inte …" / "… enligt lagen" states a rule, not a decision
    if _RULE_STATEMENT.search(rest):
        return None
    polarity = {"adverse"} if m.group(1) or re.match(r"\s*inte\b", rest, re.IGNORECASE) else {"grant"}
    if v.adverse_rx.search(text) or re.search(r"\bdelvis\b", text, re.IGNORECASE):
        polarity.add("adverse")
    actor = "authority" if v.authority_rx.search(text) else "none"
    start = m.start() + len(m.group()) - len(m.group().lstrip())
    return Decision(
        block=sent.block,
        start=sent.start,
        end=sent.end,
        text=text,
        verb="du får",
        verb_start=sent.start + start,
        verb_end=sent.start + m.end(),
        polarity=polarity,
        actor=actor,
        passive=False,
    )
