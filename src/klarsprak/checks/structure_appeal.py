"""KS406: how to appeal, on a decision that goes against the person."""

from __future__ import annotations

import re
from typing import Iterator

from klarsprak.checks.base import Example, register
from klarsprak.checks.structure_base import GOOD_DECISION, StructureRule, decision_variant
from klarsprak.findings import Finding, Severity
from klarsprak.structure.sections import Structure
from klarsprak.structure.text import furniture
from klarsprak.structure.vocab import decisions

_APPEAL_WORD = re.compile(r"\böverklag", re.IGNORECASE)
_STRAIGHT_TO_COURT = re.compile(
    r"\b(?:skicka|skickas|sänd|sänds|lämna|lämnas|ställ|ställs|ges in|inges)\b[^.!?]{0,60}\b(?:till|hos)\s+förvaltningsrätten\b",
    re.IGNORECASE,
)
_NOT_TO_COURT = re.compile(r"\binte\s+(?:direkt\s+)?till\s+förvaltningsrätten\b", re.IGNORECASE)


def appeal_blocks(st: Structure) -> list[int]:
    """Blocks with the appeal information: appeal sections, else blocks that talk about appealing."""
    sections = [s for s in st.sections if s.role == "appeal"]
    if sections:
        return [b for s in sections for b in range(s.first, s.last + 1)]
    decision_blocks = {d.block for d in st.primary}
    return [
        b.index for b in st.document.blocks
        if _APPEAL_WORD.search(b.text) and b.index not in decision_blocks and not furniture(b)
    ]


@register
class AppealInformation(StructureRule):
    id = "KS406"
    name = "overklagandehanvisning"
    severity = Severity.ERROR
    title = "Information om hur man överklagar saknas eller är ofullständig"
    explanation = (
        "Ett beslut som går någon emot (avslag, delvis avslag, avvisning, återkrav, indragning) ska tala "
        "om hur man överklagar: att beslutet kan överklagas, till vilken domstol (förvaltningsrätten), att "
        "överklagandet ska vara skriftligt och skickas till den myndighet som har fattat beslutet, att det "
        "ska ha kommit in inom tre veckor från den dag personen fick del av beslutet, och vad "
        "överklagandet ska innehålla."
    )
    source = "Förvaltningslagen (2017:900) 33 §, 44 §; Klarspråk i beslut"
    examples = (
        Example(
            bad=decision_variant(
                (
                    "Om du inte är nöjd med beslutet\n\nDu kan överklaga beslutet till förvaltningsrätten. Skriv vilket beslut "
                    "du överklagar och hur du vill att vi ändrar det. Skicka överklagandet till socialnämnden. Vi måste ha "
                    "fått det inom tre veckor från den dag du fick beslutet.\n\n",
                    "",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                (
                    "Du kan överklaga beslutet till förvaltningsrätten. Skriv vilket beslut du överklagar och hur du vill "
                    "att vi ändrar det. Skicka överklagandet till socialnämnden. Vi måste ha fått det inom tre veckor "
                    "från den dag du fick beslutet.",
                    "Beslutet kan överklagas hos förvaltningsrätten.",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None or not st.adverse:
            return
        blocks = appeal_blocks(st)
        if not blocks:
            d = st.primary[0]
            yield ctx.finding(
                self, d.block, d.start, d.end,
                "Beslutet går mottagaren emot, men brevet säger inte hur man överklagar. Skriv under en egen rubrik, "
                "t.ex. ”Om du inte är nöjd med beslutet”, hur man överklagar.",
            )
            return
        text = st.text_of(blocks)
        missing = []
        for key, (message, patterns, min_hits) in decisions().appeal.items():
            hits = sum(1 for rx in patterns if rx.search(text))
            if key == "sent_to_authority" and _STRAIGHT_TO_COURT.search(text) and not _NOT_TO_COURT.search(text):
                if not any(rx.search(_STRAIGHT_TO_COURT.sub(" ", text)) for rx in patterns):
                    missing.append(message + " (inte direkt till förvaltningsrätten)")
                    continue
            if hits < min_hits:
                missing.append(message)
        if not missing:
            return
        first = blocks[0]
        btext = ctx.document.blocks[first].text
        yield ctx.finding(
            self, first, 0, len(btext),
            "Informationen om hur man överklagar saknar " + _join(missing) + ".",
        )


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " och " + items[-1]
