"""KS403 (reasons that connect the case to the outcome) and KS404 (reasons for each decision)."""

from __future__ import annotations

import re
from typing import Iterator

from klarsprak.checks.base import Example, register
from klarsprak.checks.structure_base import GOOD_DECISION, StructureRule, decision_variant
from klarsprak.findings import Finding, Severity
from klarsprak.structure.decision import Decision
from klarsprak.structure.sections import Structure
from klarsprak.structure.text import lower_words
from klarsprak.structure.vocab import decisions

# Sections whose text never counts as reasons.
_NOT_REASONS = ("appeal", "contact", "signature", "letterhead", "title", "attachments")

# Words that do not tell one decision from another.
_COMMON = frozenset(
    """dig dej du din ditt dina er ert era ni vi oss ansökan ansökningen begäran ärendet härmed därför också
    även den det denna detta dessa att om och i på med för till av som ska skall inte ej helt delvis här nu
    så följande beslut beslutet beslutar beslutat gäller har är blir enligt övrigt övriga resten del delen
    bistånd biståndet ekonomiskt ekonomiska försörjningsstöd försörjningsstödet kronor kr pengar belopp
    beloppet månad månaden månader period perioden januari februari mars april maj juni juli augusti
    september oktober november december socialnämnden nämnden kommunen vilket vilken från sedan under
    efter före eller samt dels bara endast vill säga form formen avser avseende gällande angående rörande
    stöd hjälp utbetalt utbetalda tidigare""".split()
)


def reasons_text(st: Structure) -> str:
    """Text that may hold the reasons: reasons sections, else everything outside the appeal, contact
    and signature parts (a short letter may give its reasons in the decision paragraph itself)."""
    by_heading = [s for s in st.sections if s.role == "reasons"]
    if by_heading:  # the body only: a heading such as "Därför har vi beslutat så" is no reason
        return "\n".join(st.text_of(s.body) for s in by_heading)
    parts = [st.text_of(range(s.first, s.last + 1)) for s in st.sections if s.role not in _NOT_REASONS]
    return "\n".join(parts)


@register
class NoReasons(StructureRule):
    id = "KS403"
    name = "motivering-saknas"
    severity = Severity.WARNING
    title = "Motivering saknas eller knyter inte ärendet till beslutet"
    explanation = (
        "Ett beslut som går någon emot ska ha en klargörande motivering: vilka omständigheter vi har "
        "tagit hänsyn till och varför de leder till beslutet. Skriv ut sambandet med ord som ”eftersom”, "
        "”därför”, ”det innebär att” eller ”vi bedömer att”, så att mottagaren förstår varför."
    )
    source = "Förvaltningslagen (2017:900) 32 §; Klarspråk i beslut"
    examples = (
        Example(
            bad=decision_variant(
                (
                    "Därför har vi beslutat så\n\nDin sjukpenning är 13 240 kronor i april och dina kostnader är 11 870 kronor. "
                    "Eftersom din inkomst är högre än dina kostnader kan du betala det du behöver själv.\n\n",
                    "",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                (
                    "Eftersom din inkomst är högre än dina kostnader kan du betala det du behöver själv.",
                    "Du har hyra och el att betala.",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None or not st.primary:
            return
        v = decisions()
        causal = v.causal_rx
        by_heading = [s for s in st.sections if s.role == "reasons" and s.heading_block is not None]
        # a full grant needs no reasons (FL 32 §); reasons it gives anyway need only speak to the reader
        # ("Vi bedömer att du …"), not restate the law about "sökanden"
        granted = all(d.grant and not d.adverse for d in st.primary)
        if granted and any(v.generic_personal.search(st.text_of(s.body)) for s in by_heading):
            return
        if by_heading and not any(causal.search(st.text_of(s.body)) for s in by_heading):
            s = by_heading[0]
            yield self.on_heading(
                ctx, s,
                f"Under ”{s.heading}” står inget som knyter mottagarens omständigheter till beslutet. Skriv varför, "
                "t.ex. med ”eftersom”, ”därför” eller ”vi bedömer att”.",
            )
            return
        if not st.adverse:
            return
        if by_heading and only_vague_grounds(st, by_heading):
            s = by_heading[0]
            yield self.on_heading(
                ctx, s,
                f"Skälen under ”{s.heading}” hänvisar bara till utredningen i allmänhet. Skriv vilka omständigheter "
                "i ärendet som ledde till beslutet och varför, t.ex. ”Eftersom din lön är högre än …”.",
            )
            return
        if not by_heading and not causal.search(reasons_text(st)):
            d = st.primary[0]
            yield ctx.finding(
                self, d.block, d.start, d.end,
                "Beslutet saknar motivering. Skriv under en egen rubrik, t.ex. ”Därför har vi beslutat så”, "
                "vilka omständigheter som ledde till beslutet och varför.",
            )
            return
        # several decisions: each one that goes against the person needs its own reasoned link
        for d in unreasoned(st):
            yield ctx.finding(
                self, d.block, d.start, d.end,
                f"Skälen knyter inte omständigheterna till beslutet ”{_short(d.text)}”. Skriv varför, "
                "t.ex. med ”eftersom” eller ”därför”.",
            )
            return


@register
class ReasonsForEachDecision(StructureRule):
    id = "KS404"
    name = "skal-for-varje-beslut"
    severity = Severity.WARNING
    title = "Flera beslut utan skäl för vart och ett"
    explanation = (
        "När ett brev innehåller flera beslut måste mottagaren få veta skälen för vart och ett. Annars "
        "går det inte att förstå varför en del beviljades och en annan avslogs – och inte att överklaga "
        "rätt del. Skriv gärna en egen rubrik med skälen för varje beslut."
    )
    source = "Förvaltningslagen (2017:900) 32 §; Klarspråk i beslut"
    examples = (
        Example(
            bad=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.\n\n"
                    "Socialnämnden avslår också din ansökan om pengar till glasögon.",
                ),
            ),
            good=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.\n\n"
                    "Socialnämnden avslår också din ansökan om pengar till glasögon.",
                ),
                (
                    "kan du betala det du behöver själv.",
                    "kan du betala det du behöver själv. Du kan också betala glasögonen själv, eftersom "
                    "pengarna räcker till dem.",
                ),
            ),
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None:
            return
        for d, terms in unreasoned(st, with_terms=True, adverse_only=False):
            what = ", ".join(f"”{t}”" for t in sorted(terms)[:3])
            yield ctx.finding(
                self, d.block, d.start, d.end,
                f"Brevet innehåller flera beslut, men skälen förklarar inte beslutet om {what}. "
                "Skriv skälen för varje beslut, gärna under en egen rubrik.",
            )


def only_vague_grounds(st: Structure, sections) -> bool:
    """True when every causal link in the reasons rests on the case file as a whole ("mot bakgrund av
    den utredning som gjorts …", and a "därför" right after such a sentence): no circumstance is named."""
    v = decisions()
    if not any(v.vague_grounds_rx.search(st.text_of(sec.body)) for sec in sections):
        return False  # nothing vague at all (the usual case): no need to walk the sentences
    vague = grounded = False
    previous_vague = False
    for sec in sections:
        for b in sec.body:
            for x in st.sentences.get(b, []):
                links = [m.group() for m in v.causal_rx.finditer(x.text)]
                if not links:
                    previous_vague = False
                    continue
                only_back = all(v.back_reference_rx.fullmatch(link) for link in links)
                previous_vague = bool(v.vague_grounds_rx.search(x.text)) or (only_back and previous_vague)
                vague |= previous_vague
                grounded |= not previous_vague
    return vague and not grounded


def real_decisions(st: Structure) -> list[Decision]:
    """The primary decisions without lead-ins ("Socialnämnden beslutar följande:")."""
    return [d for d in st.primary if not d.text.rstrip().endswith(":")]


def unreasoned(st: Structure, with_terms: bool = False, adverse_only: bool = True) -> list:
    """In a document with several decisions (one of them adverse): those that no reasoned sentence
    speaks about (only the adverse ones with ``adverse_only``).

    A decision is reasoned when a sentence outside the decisions mentions what the decision is about
    (a word only that decision has: "tandvård", "glasögon") and that sentence, the next one in the same
    paragraph or its section heading holds a causal link ("eftersom", "därför" …)."""
    real = real_decisions(st)
    if len(real) < 2 or not any(d.adverse for d in real):
        return []
    causal = decisions().causal_rx
    own = {(d.block, d.start) for d in real}
    units: list[tuple[str, bool]] = []  # (text, reasoned)
    for sec in st.sections:
        if not _reasons_section(st, sec):
            continue
        heading = st.document.blocks[sec.heading_block].text if sec.heading_block is not None else ""
        section_causal = bool(causal.search(st.text_of(sec.body)))
        if heading:
            units.append((heading.lower(), bool(causal.search(heading)) and section_causal))
        for b in sec.body:
            sents = [x for x in st.sentences.get(b, []) if (b, x.start) not in own]
            for i, x in enumerate(sents):
                nxt = sents[i + 1].text if i + 1 < len(sents) else ""
                units.append((x.text.lower(), bool(causal.search(x.text) or causal.search(nxt))))
    terms = {id(d): _terms(d) for d in real}
    out = []
    for d in real:
        if adverse_only and not d.adverse:
            continue
        others = set().union(*(terms[id(o)] for o in real if o is not d))
        mine = terms[id(d)] - others or terms[id(d)]
        if not mine:
            continue
        rx = re.compile("|".join(re.escape(_stem(t)) for t in mine))  # inside compounds too: "semesterresa"
        # a grant needs no reasons (FL 32 §): being spoken of in the reasons is enough for it
        if not any((reasoned or not d.adverse) and rx.search(text) for text, reasoned in units):
            out.append((d, mine) if with_terms else d)
    return out


def _reasons_section(st: Structure, sec) -> bool:
    if any(s.role == "reasons" for s in st.sections):
        return sec.role in ("reasons", "decision")
    return sec.role not in _NOT_REASONS


def _terms(d: Decision) -> set[str]:
    text = d.text[: d.verb_start - d.start] + " " + d.text[d.verb_end - d.start :]
    return {w for w in lower_words(text) if w not in _COMMON and len(w) >= 4 and w.isalpha()}


def _stem(word: str) -> str:
    return word[: max(4, len(word) - 2)]


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
