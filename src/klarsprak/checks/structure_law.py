"""KS405: the legal basis is missing or unclear."""

from __future__ import annotations

import re
from typing import Iterator

from klarsprak.checks.base import Example, register
from klarsprak.checks.structure_base import DECISION_PROFILES, GOOD_DECISION, MIN_WORDS, StructureRule, decision_variant
from klarsprak.findings import Finding, Severity
from klarsprak.structure.laws import Mention, bare_refs, mentions, names_a_law, paragraph_refs
from klarsprak.structure.vocab import laws

_SKIP_SECTIONS = ("letterhead",)


@register
class LegalBasisUnclear(StructureRule):
    id = "KS405"
    name = "lagrum-oklart"
    severity = Severity.WARNING
    title = "Lagrum saknas eller är otydligt"
    explanation = (
        "Ett beslut ska tala om vilka bestämmelser det bygger på. Skriv ut lagens namn första gången "
        "och gärna dess nummer i SFS, t.ex. ”4 kap. 1 § socialtjänstlagen (2001:453)”. En kort form som "
        "”4:1 SoL” eller bara ”SoL” förstår inte den som inte arbetar med lagen. Socialtjänstlagen "
        "(2001:453) har ersatts av en ny socialtjänstlag (2025:400) med annan numrering, så ange "
        "vilken lag som gäller."
    )
    source = "Förvaltningslagen (2017:900) 32 §; Myndigheternas skrivregler; Klarspråk i beslut"
    decision_only = False
    examples = (
        Example(
            bad=decision_variant(("4 kap. 1 § socialtjänstlagen (2001:453)", "4:1 SoL")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("4 kap. 1 § socialtjänstlagen (2001:453)", "4 kap. 1 § SoL")),
            good=decision_variant(("4 kap. 1 § socialtjänstlagen (2001:453)", "4 kap. 1 § socialtjänstlagen (2001:453), SoL")),
            profile="beslut",
        ),
        Example(
            bad=decision_variant(
                ("Du har rätt till ekonomiskt bistånd om du inte kan försörja dig själv på annat sätt. "
                 "Det står i 4 kap. 1 § socialtjänstlagen (2001:453).", "Du kan ansöka igen i maj."),
                ("Det här gäller", "Om du behöver pengar i maj"),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("Det står i 4 kap. 1 § socialtjänstlagen (2001:453).", "Det står i 4 kap. 1 §.")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.structure(ctx)
        doc = ctx.document
        all_refs: list[tuple[int, int, int]] = []
        first_seen: dict[str, Mention] = {}
        full = doc.text
        for b in doc.blocks:
            sec = st.section_of(b.index)
            if sec is not None and sec.role in _SKIP_SECTIONS:
                continue
            text = b.text
            for s, e, short in bare_refs(text):
                yield ctx.finding(
                    self, b.index, s, e,
                    f"”{text[s:e]}” är svårt att förstå. Skriv ut kapitel, paragraf och lagens namn, "
                    "t.ex. ”4 kap. 1 § socialtjänstlagen (2001:453)”.",
                    suggestions=[_spell_out(text[s:e], short)],
                )
                all_refs.append((b.index, s, e))
            bare_spans = [(s, e) for s, e, _ in bare_refs(text)]
            for m in mentions(text):
                key = m.law.name if m.law is not None else m.text.lower()
                if m.kind == "short" and any(s <= m.start < e for s, e in bare_spans):
                    first_seen.setdefault(key, m)
                    continue
                if key in first_seen:
                    continue
                first_seen[key] = m
                if m.kind == "short" and not m.defined:
                    yield ctx.finding(
                        self, b.index, m.start, m.end,
                        f"Skriv ut lagens namn första gången: ”{m.law.name}” i stället för bara ”{m.text}”.",
                        suggestions=[_with_sfs(m.law)],
                    )
                elif m.kind == "name" and m.law is not None and m.law.ambiguous_without_sfs and not m.with_sfs:
                    if not any(n in full for n in m.law.sfs):
                        yield ctx.finding(
                            self, b.index, m.start, m.end,
                            f"Ange vilken {m.law.name.removesuffix('en')} som avses: ”{m.text} ({m.law.sfs[0]})” "
                            f"eller ”{m.text} ({m.law.sfs[-1]})”.",
                            severity=Severity.INFO,
                        )
            for s, e in paragraph_refs(text):
                all_refs.append((b.index, s, e))
                if not self._law_named(ctx, st, b.index, s, e):
                    yield ctx.finding(
                        self, b.index, s, e,
                        f"Säg vilken lag ”{text[s:e].strip()}” står i, t.ex. ”{text[s:e].strip()} socialtjänstlagen (2001:453)”.",
                    )
        if ctx.profile in DECISION_PROFILES and st.is_decision and st.words >= MIN_WORDS:
            yield from self._missing(ctx, st, all_refs)

    def _missing(self, ctx, st, refs) -> Iterator[Finding]:
        legal = [s for s in st.sections if s.role == "legal_basis" and s.heading_block is not None]
        # references in the appeal text under its own heading (FL 44 §) are not the decision's basis
        appeal_blocks = {
            b for s in st.sections if s.role == "appeal" and s.heading_block is not None for b in range(s.first, s.last + 1)
        }
        own_refs = [r for r in refs if r[0] not in appeal_blocks]
        if own_refs:
            return
        if legal:
            s = legal[0]
            yield self.on_heading(
                ctx, s,
                f"Under ”{s.heading}” står inte vilka paragrafer beslutet bygger på. Skriv t.ex. "
                "”Det står i 4 kap. 1 § socialtjänstlagen (2001:453).”",
            )
            return
        if all(d.grant and not d.adverse for d in st.primary):
            return  # a full grant may leave out its reasons, the provisions included (FL 32 § 2 st.)
        d = st.primary[0]
        yield ctx.finding(
            self, d.block, d.start, d.end,
            "Beslutet säger inte vilka bestämmelser det bygger på. Skriv under en egen rubrik, t.ex. "
            "”Det här gäller”, vad lagen säger och var det står: ”4 kap. 1 § socialtjänstlagen (2001:453)”.",
        )

    @staticmethod
    def _law_named(ctx, st, block: int, start: int, end: int) -> bool:
        text = ctx.document.blocks[block].text
        sentence = _sentence_at(st, block, start, text)
        if names_a_law(sentence):
            return True
        # a list of provisions under a heading or a lead-in that names the law
        sec = st.section_of(block)
        if sec is not None and sec.heading and names_a_law(sec.heading):
            return True
        for prev in range(block - 1, max(-1, block - 4), -1):
            t = ctx.document.blocks[prev].text
            if names_a_law(t) and (len(t.split()) <= 12 or t.rstrip().endswith(":")):
                return True
            if sec is not None and prev < sec.first:
                break
        return False


def _sentence_at(st, block: int, offset: int, text: str) -> str:
    for s in st.sentences.get(block, []):
        if s.start <= offset < s.end:
            return s.text
    return text


def _with_sfs(law) -> str:
    return f"{law.name} ({law.sfs[0]})" if law.sfs else law.name


def _spell_out(ref: str, short: str) -> str:
    nums = re.findall(r"\d+\s?[a-z]?", ref)
    law = laws().short_to_law.get(re.sub(r"(?::s|s)$", "", short)) if short else None
    name = _with_sfs(law) if law else "lagens namn"
    if len(nums) >= 2:
        return f"{nums[0].strip()} kap. {nums[1].strip()} § {name}"
    return name
