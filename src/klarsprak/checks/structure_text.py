"""KS407 (generic text), KS408 (headings that say nothing or do not fit) and KS409 (contact, decision-maker)."""

from __future__ import annotations

import re
from typing import Iterator

from klarsprak.checks.base import Example, register
from klarsprak.checks.structure_base import DECISION_PROFILES, GOOD_DECISION, StructureRule, decision_variant
from klarsprak.findings import Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.structure.laws import mentions, paragraph_refs
from klarsprak.structure.sections import Section, Structure
from klarsprak.structure.text import furniture
from klarsprak.structure.vocab import decisions

_GENERIC_SKIP = ("appeal", "contact", "signature", "letterhead", "title", "attachments")
_APPEAL_WORD = re.compile(r"\böverklag", re.IGNORECASE)
_NAME_WORD = re.compile(r"[A-ZÅÄÖÉ][a-zåäöéüë]+(?:-[A-ZÅÄÖÉ][a-zåäöéüë]+)?")
_PLACEHOLDER_NAME = re.compile(r"\[[^\]]*(?:namn|handläggare|beslutsfattare|underskrift)[^\]]*\]|«[^»]+»|\{\{[^}]+\}\}", re.IGNORECASE)

_EXPECTS_CONTENT = ("decision", "background", "reasons", "legal_basis", "appeal", "contact", "calculation", "conditions", "children")

SUGGESTED_HEADINGS = {
    "decision": "Beslut",
    "background": "Din ansökan",
    "reasons": "Därför har vi beslutat så",
    "legal_basis": "Det här gäller",
    "appeal": "Om du inte är nöjd med beslutet",
    "contact": "Om du har frågor",
    "calculation": "Så har vi räknat",
    "conditions": "Det här behöver du göra",
}


@register
class GenericText(StructureRule):
    id = "KS407"
    name = "generell-text"
    severity = Severity.WARNING
    title = "Generell text som inte är anpassad till mottagaren"
    explanation = (
        "Långa stycken som bara återger lagtext, förarbeten eller praxis svarar inte på mottagarens "
        "fråga: vad betyder det här för mig? Skriv i stället vad regeln innebär i just det här ärendet, "
        "med ”du” och med fakta från ärendet. Hänvisa till paragrafen i en kort mening."
    )
    source = "Myndigheternas skrivregler; Klarspråk i beslut; Språklagen (2009:600) 11 §"
    decision_only = False
    examples = (
        Example(
            bad=decision_variant(
                (
                    "Du har rätt till ekonomiskt bistånd om du inte kan försörja dig själv på annat sätt. "
                    "Det står i 4 kap. 1 § socialtjänstlagen (2001:453).",
                    "Enligt 4 kap. 1 § socialtjänstlagen (2001:453) har den som inte själv kan tillgodose sina behov "
                    "eller kan få dem tillgodosedda på annat sätt rätt till bistånd av socialnämnden för sin försörjning "
                    "och för sin livsföring i övrigt. Den enskilde ska genom biståndet tillförsäkras en skälig "
                    "levnadsnivå. Av 4 kap. 3 § socialtjänstlagen framgår vilka kostnader försörjningsstödet omfattar.",
                ),
            ),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.structure(ctx)
        v = decisions()
        for b in ctx.document.blocks:
            if b.kind not in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM):
                continue
            n_words = len(b.text.split())
            if n_words < v.generic_min_words:
                continue
            sec = st.section_of(b.index)
            if sec is not None and sec.role in _GENERIC_SKIP:
                continue
            # a letter tells the reader what the rules say will happen next (that is its job); only a
            # section headed as the legal basis ("Lagstöd", "Lagrum") is where law text gets pasted
            if ctx.profile == "brev" and (sec is None or sec.heading_role != "legal_basis"):
                continue
            text = b.text
            if not v.generic_rule_markers.search(text) or v.generic_personal.search(text):
                continue
            refs = len(paragraph_refs(text))
            markers = refs + sum(len(rx.findall(text)) for rx in v.generic_markers if rx.pattern != "§")
            # a fact of the case (an amount, a date, an age) now and then shows the text is about this case
            if markers < v.generic_min_markers or _facts(text) * 60 >= n_words:
                continue
            sents = st.sentences.get(b.index, [])
            if _mostly_about_the_case(sents, v):
                continue
            end = sents[0].end if sents else len(text)
            yield ctx.finding(
                self, b.index, 0, end,
                f"Stycket ({n_words} ord) återger regler utan att säga vad de betyder för mottagaren. "
                "Skriv vad regeln innebär i just det här ärendet, med ”du” och fakta från ärendet.",
            )


@register
class VagueHeading(StructureRule):
    id = "KS408"
    name = "intetsagande-rubrik"
    severity = Severity.WARNING
    title = "Rubriken säger inget, passar inte innehållet eller avsnittet är tomt"
    explanation = (
        "Rubriker hjälper läsaren att hitta rätt. En rubrik som ”Övrigt”, ”Information” eller "
        "”Angående …” säger inte vad avsnittet handlar om. Skriv rubriker som säger vad som står under "
        "dem, gärna som en hel mening (”Därför har vi beslutat så”, ”Om du inte är nöjd med beslutet”). "
        "En rubrik som lovar något annat än texten under den, eller som inte har någon text alls, "
        "förvirrar."
    )
    source = "Myndigheternas skrivregler; Klarspråk i beslut"
    decision_only = False
    examples = (
        Example(
            bad=decision_variant(("Kontakt\n\n", "Övrigt\n\n")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("Beslut om ekonomiskt bistånd", "Angående din ansökan")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("Det här gäller", "Hur man överklagar")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("Det här gäller\n\n", "Bakgrund\n\nDet här gäller\n\n")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.structure(ctx)
        by_block = {s.heading_block: s for s in st.sections if s.heading_block is not None}
        heads = st.headings
        for i, h in enumerate(heads):
            btext = ctx.document.blocks[h.block].text
            span = (0, len(btext))
            sec = by_block.get(h.block)
            if h.vague:
                hint = (
                    SUGGESTED_HEADINGS.get(sec.role)
                    if sec is not None and sec.source == "content" and sec.role in ("appeal", "contact", "legal_basis", "calculation")
                    else None
                )
                if hint is None and sec is not None and sec.role == "title":
                    hint = "Beslut om ekonomiskt bistånd för april 2025"
                tip = f", t.ex. ”{hint}”" if hint else ""
                yield ctx.finding(
                    self, h.block, *span,
                    f"Rubriken ”{h.text}” säger inte vad avsnittet handlar om. Skriv en rubrik som säger det{tip}.",
                    suggestions=[hint] if hint else [],
                )
                continue
            if sec is None or h.block < st.letterhead_end:
                continue
            if self._empty(ctx, st, heads, i, sec):
                yield ctx.finding(
                    self, h.block, *span,
                    f"Avsnittet ”{h.text}” är tomt. Skriv text under rubriken eller ta bort den.",
                )
                continue
            wrong = self._mismatch(st, sec, h.how)
            if wrong:
                yield ctx.finding(
                    self, h.block, *span,
                    f"Rubriken ”{h.text}” passar inte texten under den: {wrong}",
                )

    @staticmethod
    def _empty(ctx, st: Structure, heads, i: int, sec: Section) -> bool:
        # only headings that promise content of their own: a reader's guess at a heading (a name in a
        # signature, a figure caption, "Bilagor" over "Bilaga 1") is no empty section
        if len(sec.body) or sec.role in ("title", "signature", "letterhead"):
            return False
        if sec.heading_role not in _EXPECTS_CONTENT and not heads[i].vague:
            return False
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if nxt is not None and nxt.level > heads[i].level:
            return False  # a heading over sub-headings
        return True

    @staticmethod
    def _mismatch(st: Structure, sec: Section, how: str) -> str | None:
        # only real headings (a style, bold type): a short line such as "Handläggare" over a name is a label
        if how not in ("style", "bold") or sec.source != "heading" or sec.heading_role is None or not len(sec.body):
            return None
        body = st.text_of(sec.body)
        v = decisions()
        role = sec.heading_role
        if role == "legal_basis" and not paragraph_refs(body) and not mentions(body):
            return "där står ingen lag eller paragraf."
        if role == "appeal" and not (_APPEAL_WORD.search(body) or re.search(r"förvaltningsrätt|kammarrätt", body, re.I)):
            return "där står inget om hur man överklagar."
        if role == "contact" and not (
            v.has_contact_words(body)
            or v.has_concrete_contact(body)
            or _person_name(body)
        ):
            return "där står inte hur man kontaktar oss."
        if role == "reasons" and not v.assessment_rx.search(body):
            return "där står ingen bedömning av ärendet."
        return None


@register
class ContactAndDecisionMaker(StructureRule):
    id = "KS409"
    name = "kontakt-beslutsfattare-saknas"
    severity = Severity.WARNING
    title = "Kontaktperson eller beslutsfattare saknas"
    explanation = (
        "Mottagaren ska kunna ställa frågor: skriv vem man kan kontakta och hur (namn, telefonnummer, "
        "e-post). Ett beslut ska också visa vem som har fattat det, med namn och titel, så att "
        "mottagaren vet vem som har ansvaret."
    )
    source = "Förvaltningslagen (2017:900) 6 § och 31 §; Myndigheternas skrivregler"
    decision_only = False
    options = {"min_words": 80}
    examples = (
        Example(
            bad=decision_variant(("Kontakt\n\nRing mig om du har frågor om beslutet. Lina Sjöberg, telefon 08-465 004 14.\n\n", "")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
        Example(
            bad=decision_variant(("Med vänlig hälsning\nLina Sjöberg\nSocialsekreterare\n", "Socialförvaltningen\n"),
                                 ("Lina Sjöberg, telefon", "Telefon")),
            good=GOOD_DECISION,
            profile="beslut",
        ),
    )

    def check(self, ctx) -> Iterator[Finding]:
        st = self.applies(ctx)
        if st is None:
            return
        if st.words < self.option(ctx, "min_words") and ctx.profile not in DECISION_PROFILES:
            return
        blocks = [b for b in ctx.document.blocks]
        template = ctx.profile == "mall"
        if not self._has_contact(st, blocks, template):
            yield self.whole_document(
                ctx,
                "Brevet säger inte vem mottagaren kan kontakta med frågor. Skriv namn, telefonnummer och "
                "e-post, t.ex. under rubriken ”Om du har frågor”.",
            )
        if ctx.profile in DECISION_PROFILES and st.is_decision and not self._decision_maker(st, blocks, template):
            yield self.whole_document(
                ctx,
                "Det framgår inte vem som har fattat beslutet. Skriv beslutsfattarens namn och titel, "
                "t.ex. ”Lina Sjöberg, socialsekreterare, har fattat beslutet.”",
            )

    @staticmethod
    def _has_contact(st: Structure, blocks, template: bool) -> bool:
        v = decisions()
        for b in blocks:
            if furniture(b):
                continue  # a switchboard number in the footer names nobody to ask
            if v.has_concrete_contact(b.text):
                return True
            if v.has_contact_words(b.text) and (_person_name(b.text) or (template and b.placeholders)):
                return True
        return False

    @staticmethod
    def _decision_maker(st: Structure, blocks, template: bool) -> bool:
        v = decisions()
        body = [b for b in blocks if not furniture(b)]
        after = st.primary[0].block if st.primary else 0
        candidates = set()
        for s in st.sections:
            if s.role in ("signature", "contact") and s.last >= after:
                candidates.update(range(s.first, s.last + 1))
        candidates.update(b.index for b in body[-6:] if b.index > after)
        candidates.update(b.index for b in body if b.index > after and v.names_decision_maker(b.text))
        for i in sorted(candidates):
            text = blocks[i].text
            # in a template the name is a blank to fill in; in a finished decision a blank is no name
            if _person_name(text) or (template and _PLACEHOLDER_NAME.search(text)):
                return True
        return False


def _mostly_about_the_case(sents, v) -> bool:
    """At least half the sentences are about this case: a fact of the case (an amount, a date) or
    the writer's own assessment ("Nämnden gör den bedömningen att sökanden …") makes a sentence
    about the case, even in the third person; an assessment that cites a rule restates the rule."""
    case = 0
    for s in sents:
        cites = v.generic_rule_markers.search(s.text)  # a law, a paragraph, praxis: not "sökanden"
        if _facts(s.text) or (not cites and _ASSESSMENT.search(s.text)):
            case += 1
    return bool(sents) and case * 2 >= len(sents)


# the writer's own judgement of the case ("eftersom" and "därför" also explain rules in law text)
_ASSESSMENT = re.compile(r"\bbedöm|\banser\b|\bkonstater|\bkommit fram till\b|\bfunnit\b", re.IGNORECASE)


_LEGAL_NUMBERS = re.compile(r"\b\d{1,2} \w+ \d{4}(?=[^.]{0,30}\b(?:gäller som|trädde i kraft|i kraft))|\(\s*(?:SFS\s*)?\d{4}:\d+\s*\)|\b(?:SOSFS|HSLF-FS)\s*\d{4}:\d+|\bprop\.\s*\d{4}/\d{2}:\d+|\bRÅ\s*\d{4}\s*ref\.?\s*\d+|\bHFD\s*\d{4}\s*ref\.?\s*\d+")


def _facts(text: str) -> int:
    """Numbers outside legal references (amounts, dates, ages): facts of the case."""
    from klarsprak.structure.laws import bare_refs

    spans = paragraph_refs(text) + [(s, e) for s, e, _ in bare_refs(text)]
    spans += [m.span() for m in _LEGAL_NUMBERS.finditer(text)]
    return sum(
        1 for m in re.finditer(r"\d+(?:[ /.:–-]\d+)*", text) if not any(s <= m.start() < e for s, e in spans)
    )


# Capitalised words that start sentences or lines but are not names.
_NOT_NAME_WORDS = frozenset(
    """om du dig din ditt dina vi oss ni er jag mig han hon hen de dem det den detta denna dessa här där när då
    med för till av på i och men eller som att en ett har hade är var kan ska skall vill får fick måste bör
    vad hur varför vilken vilket enligt efter innan under vid från mellan så sedan nu också även dessutom
    ring ringa skicka skriv kontakta mejla hej tack beslut beslutet datum dnr diarienummer ärende ärendet
    telefon tel tfn mobil växel adress postadress besöksadress box sida bilaga handläggare socialsekreterare
    enhetschef sektionschef chef ordförande sekreterare kopia till vänlig vänliga hälsning hälsningar
    personnummer pnr e-post epost mejl mail upplysningar information frågor övrigt inte ingen inga alla""".split()
)


def _person_name(text: str) -> str | None:
    """Two capitalised words in a row that are not an authority or a common word: "Lina Sjöberg"."""
    v = decisions()
    words = list(_NAME_WORD.finditer(text))
    for a, b in zip(words, words[1:]):
        between = text[a.end() : b.start()]
        if between.strip() not in ("",):
            continue
        pair = (a.group(), b.group())
        if any(w in v.not_names or w.lower() in _NOT_NAME_WORDS for w in pair):
            continue
        if any(v.authority_rx.fullmatch(w) for w in pair):
            continue
        if a.start() > 0 and text[a.start() - 1] not in " \n\t,(:":
            continue
        return f"{pair[0]} {pair[1]}"
    return None
