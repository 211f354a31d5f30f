"""KS401 (the decision comes first) and KS402 (the decision sentence is complete)."""

from __future__ import annotations

import re
from typing import Iterator

from klarsprak.checks.base import Example, register
from klarsprak.checks.structure_base import GOOD_DECISION, StructureRule, decision_variant
from klarsprak.findings import Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.structure.decision import Decision
from klarsprak.structure.laws import paragraph_refs
from klarsprak.structure.sections import Structure
from klarsprak.structure.text import ends_like_sentence, lower_words, furniture
from klarsprak.structure.vocab import decisions

_BEFORE_DECISION_ROLES = ("background", "reasons", "legal_basis", "calculation", "conditions", "appeal")

# Words that say nothing about what a decision concerns.
_EMPTY_WORDS = frozenset(
    """dig dej du din ditt dina er ert era ni vi oss mig jag ansökan ansökningen ansökningar ansökningarna
    begäran ärendet ärende härmed därför också även den det denna detta dessa att om och i på med för till
    av som ska skall inte ej helt delvis här nu så följande beslut beslutet beslutar beslutat gäller har
    är blir vilket vilken enligt""".split()
)
_LEAD_IN = re.compile(r":\s*$")
# help that is not money: "bistånd i form av hemtjänst", "bistånd till tillfälligt boende"
_IN_FORM_OF = re.compile(
    r"\bi form av\b|\btill (?:\w+ ){0,2}(?:boende|boendet|placering|plats|korttidsvistelse|vistelse|"
    r"ledsagning|ledsagarservice|kontaktperson|kontaktfamilj|behandling|hemtjänst)\b",
    re.IGNORECASE,
)
_PAY_BACK = re.compile(r"\bbetala\s+tillbaka\b|\båterkr|\båterbetal", re.IGNORECASE)


@register
class DecisionNotFirst(StructureRule):
    id = "KS401"
    name = "beslutet-inte-forst"
    severity = Severity.WARNING
    title = "Beslutet kommer inte först"
    explanation = (
        "Mottagaren vill först veta vad vi har beslutat. Skriv beslutet direkt efter brevhuvudet "
        "(datum, diarienummer, adress) och förklara sedan bakgrund och skäl. En lång bakgrund före "
        "beslutet gör att läsaren måste leta efter det viktigaste."
    )
    source = "Myndigheternas skrivregler (Språkrådet); Klarspråk i beslut"
    options = {"max_words_before": 40}
    examples = (
        Example(
            bad=decision_variant(
                ("Beslut\n\nSocialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.\n\n", ""),
                ("Det här gäller\n\n", "Beslut\n\nSocialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.\n\nDet här gäller\n\n"),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                (
                    "Beslut\n\nSocialnämnden",
                    "Bakgrund\n\nDu ansökte den 28 mars 2025 om ekonomiskt bistånd för april. Du bad om pengar till hyra, "
                    "el och mat. Du har berättat att du har en skuld till elbolaget. Vi har gått igenom dina "
                    "kontoutdrag och ditt besked om sjukpenning.\n\nBeslut\n\nSocialnämnden",
                ),
            ),
            good=GOOD_DECISION.replace(
                "Beslut\n\nSocialnämnden", "Hej!\n\nDu har ansökt om ekonomiskt bistånd.\n\nBeslut\n\nSocialnämnden"
            ),
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None or not st.primary:
            return
        first = st.primary[0]
        blocks = ctx.document.blocks
        words_before = 0
        sections_before: list[str] = []
        for b in blocks[: first.block]:
            if furniture(b):
                continue
            sec = st.section_of(b.index)
            if sec is not None and sec.heading_block == b.index:
                if sec.role in _BEFORE_DECISION_ROLES and sec.last < first.block:
                    sections_before.append(sec.heading or sec.label)
                continue
            if b.index < st.letterhead_end or b.kind == BlockKind.HEADING:
                continue
            if ends_like_sentence(b.text) or len(b.text.split()) > 30:
                words_before += len(b.text.split())
        # sentences before the decision sentence in its own block count too
        words_before += len(blocks[first.block].text[: first.start].split())
        limit = self.option(ctx, "max_words_before")
        if sections_before:
            names = ", ".join(f"”{s}”" for s in sections_before)
            yield ctx.finding(
                self, first.block, first.start, first.end,
                f"Beslutet kommer efter avsnittet {names}. Skriv beslutet först, direkt efter brevhuvudet.",
            )
        elif words_before > limit:
            yield ctx.finding(
                self, first.block, first.start, first.end,
                f"Beslutet kommer först efter {words_before} ord. Skriv beslutet först, direkt efter brevhuvudet.",
            )


@register
class DecisionSentenceIncomplete(StructureRule):
    id = "KS402"
    name = "beslutsmening-ofullstandig"
    severity = Severity.WARNING
    title = "Beslutsmeningen är ofullständig"
    explanation = (
        "Beslutsmeningen ska gå att förstå på egen hand: vem som beslutar (myndigheten), vad vi beslutar "
        "(beviljar, avslår, avvisar, avskriver, återkräver), vad beslutet gäller och – när det handlar om "
        "pengar – belopp och period. Hänvisningar till paragrafer gör beslutsmeningen svår att läsa; skriv "
        "dem under en egen rubrik om lagrum."
    )
    source = "Förvaltningslagen (2017:900) 32 §; Myndigheternas skrivregler; Klarspråk i beslut"
    options = {"references_allowed": False}
    examples = (
        Example(
            bad=decision_variant(
                ("Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.", "Ansökan avslås."),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025 enligt 4 kap. 1 § socialtjänstlagen (2001:453).",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden beviljar dig ekonomiskt bistånd till hyran.",
                ),
            ),
            good=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden beviljar dig ekonomiskt bistånd med 6 150 kronor till hyran för april 2025.",
                ),
            ),
            profile="beslut",
        ),
        Example(  # help that is not money needs no amount
            bad=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden beviljar dig bistånd.",
                ),
            ),
            good=decision_variant(
                (
                    "Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.",
                    "Socialnämnden beviljar dig bistånd till tillfälligt boende på Norrby vandrarhem från den "
                    "3 mars till den 30 april 2025.",
                ),
            ),
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None:
            return
        if not st.primary:
            yield from self._no_decision(ctx, st)
            return
        seen_authority = False
        for d in st.primary:
            missing = []
            if not self._names_authority(ctx, st, d, seen_authority):
                missing.append("vem som beslutar (myndigheten)")
            else:
                seen_authority = seen_authority or d.actor == "authority"
            lead_in = bool(_LEAD_IN.search(d.text))
            if not lead_in and not self._says_what(d):
                missing.append("vad beslutet gäller")
            if not lead_in:
                missing.extend(self._amount_period(st, d))
            if missing:
                yield ctx.finding(
                    self, d.block, d.start, d.end,
                    f"Beslutsmeningen ”{_short(d.text)}” säger inte {_join(missing)}.",
                    suggestions=["Socialnämnden beviljar dig ekonomiskt bistånd med 6 450 kronor för mars 2025."]
                    if d.grant and not d.adverse else ["Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025."],
                )
            if not self.option(ctx, "references_allowed"):
                text = ctx.document.blocks[d.block].text
                for s, e in paragraph_refs(text[d.start : d.end]):
                    ref = text[d.start + s : d.start + e]
                    yield ctx.finding(
                        self, d.block, d.start + s, d.start + e,
                        f"Flytta hänvisningen ”{ref}” från beslutsmeningen till avsnittet om lagrum.",
                    )
                    break

    def _no_decision(self, ctx, st: Structure) -> Iterator[Finding]:
        for sec in st.sections:
            if sec.role == "decision" and sec.heading_block is not None and len(sec.body):
                yield self.on_heading(
                    ctx, sec,
                    f"Under rubriken ”{sec.heading}” finns ingen mening som säger vad vi har beslutat "
                    "(t.ex. ”Socialnämnden beviljar …” eller ”Socialnämnden avslår …”).",
                )
                return
        if ctx.profile == "beslut":
            yield self.whole_document(
                ctx,
                "Hittar ingen beslutsmening. Skriv beslutet i en egen mening först i brevet, "
                "t.ex. ”Socialnämnden avslår din ansökan om ekonomiskt bistånd för april 2025.”",
            )

    @staticmethod
    def _names_authority(ctx, st: Structure, d: Decision, seen: bool) -> bool:
        v = decisions()
        if d.actor == "authority" or v.authority_rx.search(d.text):
            return True
        if seen:  # "Socialnämnden beslutar följande:" before a list of decisions
            return True
        if d.actor == "vi":
            # "vi" is enough when the authority is named above the decision or in its section
            sec = st.section_of(d.block)
            last = sec.last if sec is not None else d.block
            above = "\n".join(b.text for b in ctx.document.blocks[: last + 1])
            return bool(v.authority_rx.search(above))
        return False

    @staticmethod
    def _says_what(d: Decision) -> bool:
        text = d.text[: d.verb_start - d.start] + " " + d.text[d.verb_end - d.start :]
        v = decisions()
        text = v.authority_rx.sub(" ", text)
        content = [w for w in lower_words(text) if w not in _EMPTY_WORDS and len(w) > 2 and not w.isdigit()]
        return bool(content)

    @staticmethod
    def _amount_period(st: Structure, d: Decision) -> list[str]:
        v = decisions()
        sec = st.section_of(d.block)
        scope = st.text_of(sec.body) if sec is not None and sec.role == "decision" else st.document.blocks[d.block].text
        scope = d.text + "\n" + scope
        out = []
        money = bool(v.money_rx.search(d.text)) and not _IN_FORM_OF.search(d.text)
        pay_back = d.verb == "återkräva" or bool(_PAY_BACK.search(d.text))
        if (d.grant and not d.adverse and money) or pay_back:
            if not v.amount_rx.search(scope):
                out.append("hur mycket pengar det gäller (belopp)")
        if d.grant and not d.adverse and money:
            if not v.period_rx.search(scope):
                out.append("vilken period beslutet gäller")
        # a refusal of money for a period names the period or the amount ("avslår din ansökan om
        # ekonomiskt bistånd för april 2025"); only the sentence's own block counts, since a
        # section with several decisions holds the other decisions' amounts
        if d.adverse and not pay_back and v.recurring_rx.search(d.text) and not _IN_FORM_OF.search(d.text):
            own = st.document.blocks[d.block].text
            if not v.amount_rx.search(own) and not v.period_rx.search(own):
                out.append("vilken period eller vilket belopp ansökan gällde")
        return out


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " eller " + items[-1]
