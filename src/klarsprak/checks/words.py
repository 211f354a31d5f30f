"""Word-list rules: KS101 byråkratiska ord, KS102 ålderdomliga ord, KS103 långa prepositioner,
KS107 latinska och främmande uttryck, KS108 modeord.

The words live in ``rules/*.yaml`` (see ``rules/README.md``); matching, exceptions and safe fixes
are done by :mod:`klarsprak.checks.lexicon`. Organisations add their own lists with config
``lexicons``."""

from __future__ import annotations

from typing import Iterator

from klarsprak.checks.archaic_infinitive import order_infinitives
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.lexicon import LexiconRule, Match, quoted
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind

_SKRIVREGLER = "Myndigheternas skrivregler (Språkrådet, 2014)"
_SVARTA_LISTAN = "Svarta listan (Regeringskansliet)"


@register
class BureaucraticWords(LexiconRule, Rule):
    id = "KS101"
    name = "byrakratiska-ord"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Byråkratiska ord och uttryck som har enklare alternativ"
    explanation = (
        "Ord som ”erhålla”, ”föreligga” och ”i enlighet med” gör texten stel och svårare att förstå. "
        "Ett vanligt ord säger samma sak: ”få”, ”finnas”, ”enligt”. Förvaltningslagen (2017:900) 6 § "
        "kräver att myndigheten uttrycker sig klart och begripligt, och språklagen (2009:600) 11 § att "
        "språket är vårdat, enkelt och begripligt. Ordlistan finns i rules/byrakratiska-ord.yaml och "
        "kan utökas med organisationens egna ord (lexicons i konfigurationen)."
    )
    source = f"{_SKRIVREGLER}; {_SVARTA_LISTAN}; språklagen 11 §; förvaltningslagen 6 §"
    examples = (
        Example(bad="Du erhöll ekonomiskt bistånd i mars.", good="Du fick ekonomiskt bistånd i mars."),
        Example(
            bad="Du behöver inkomma med kontoutdrag senast den 3 maj.",
            good="Du behöver skicka in kontoutdrag senast den 3 maj.",
        ),
        Example(
            bad="Det föreligger inte skäl att bevilja bistånd i enlighet med din ansökan.",
            good="Det finns inte skäl att bevilja bistånd enligt din ansökan.",
        ),
        Example(
            bad="Ersättning utgår med 2 000 kronor per månad.",
            good="Vi utgår från att du har fått beslutet.",
        ),
    )


@register
class ArchaicWords(LexiconRule, Rule):
    id = "KS102"
    name = "alderdomliga-ord"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Ålderdomliga ord och former"
    explanation = (
        "Ord som ”skall”, ”icke”, ”torde” och ”emedan” hör till ett äldre skriftspråk och gör texten "
        "högtidlig och avlägsen. Skriv ”ska”, ”inte”, ”bör” och ”eftersom”. ”Ej” och ”icke” godtas i "
        "rubriker och i uttrycket ”eller ej”. Språkrådet rekommenderar ”ska” i stället för ”skall”; "
        "författningar skrivs med ”ska” sedan 2000-talet."
    )
    source = f"{_SKRIVREGLER}; Språkrådet; {_SVARTA_LISTAN}"
    examples = (
        Example(bad="Ansökan skall vara underskriven.", good="Ansökan ska vara underskriven."),
        Example(
            bad="Vi har icke fått dina kontoutdrag.",
            good="Vi har inte fått dina kontoutdrag. Vi prövar om du har rätt till bistånd eller ej.",
        ),
        Example(bad="Du torde ha fått brevet emedan det skickades i mars.", good="Du bör ha fått brevet eftersom det skickades i mars."),
        Example(bad="Blanketten ifyllas och insändas senast den 3 maj.", good="Fyll i blanketten och skicka den till oss senast den 3 maj."),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        matches = self.lexicon_matches(ctx)
        yield from (self.finding_for(m, ctx) for m in matches)
        listed = {(m.block, m.start) for m in matches}
        for group in order_infinitives(ctx.analysis):
            for t in group:
                if (t.block, t.start) in listed:
                    continue  # "vidtagas" has its own entry and fix
                yield ctx.finding(
                    self, t.block, t.start, t.end,
                    f"{quoted(t.text)} står utan ett verb som bär meningen, en gammal form för en uppmaning. "
                    f"Skriv till exempel ”ska {t.lower}” eller vänd dig direkt till läsaren: ”Fyll i …”, ”Skicka …”.",
                    suggestions=[f"ska {t.lower}"],
                    sentence=ctx.analysis.sentences[t.sent].text,
                )


@register
class LongPrepositions(LexiconRule, Rule):
    id = "KS103"
    name = "langa-prepositioner"
    category = Category.BEGRIPLIGT
    severity = Severity.INFO
    title = "Långa prepositioner (angående, avseende, beträffande, gällande, rörande)"
    explanation = (
        "Långa prepositioner som ”angående”, ”avseende” och ”beträffande” gör meningen tyngre än den "
        "behöver vara. En kort preposition eller en omskrivning säger samma sak: ”om”, ”för”, ”när det "
        "gäller”. En rubrik som börjar med ”Angående …” säger inte vad saken gäller: skriv det direkt, "
        "till exempel ”Din ansökan om ekonomiskt bistånd”."
    )
    source = f"{_SKRIVREGLER}; {_SVARTA_LISTAN}"
    examples = (
        Example(bad="Vi har fått din fråga angående hemtjänst.", good="Vi har fått din fråga om hemtjänst."),
        Example(
            bad="Beträffande din ansökan\n\nVi har fått din ansökan.",
            good="Din ansökan om hemtjänst\n\nVi har fått din ansökan.",
        ),
        Example(
            bad="Beslutet gäller kostnader avseende hyra.",
            good="Enligt gällande regler kan du få bistånd. I detta avseende är du inte ensam.",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        for m in self.lexicon_matches(ctx):
            if self._opens_heading(ctx, m):
                yield ctx.finding(
                    self,
                    m.block,
                    m.start,
                    m.end,
                    f"Rubriken börjar med {quoted(m.text)}. Skriv direkt vad saken gäller, till exempel "
                    "”Din ansökan om …” i stället för ”Angående din ansökan om …”.",
                    suggestions=list(m.entry.suggestions),
                    severity=None if self.id in ctx.config.severity else Severity.WARNING,
                    sentence=ctx.analysis.sentences[m.sentence].text,
                )
            else:
                yield self.finding_for(m, ctx)

    @staticmethod
    def _opens_heading(ctx: Context, m: Match) -> bool:
        block = ctx.document.blocks[m.block]
        return block.kind == BlockKind.HEADING and not block.text[: m.start].strip(" \t#*_-–•:0123456789.")


@register
class ForeignExpressions(LexiconRule, Rule):
    id = "KS107"
    name = "latin-och-frammande-uttryck"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Latinska och andra främmande uttryck"
    explanation = (
        "Latinska uttryck som ”de facto”, ”a priori” och ”per capsulam” och engelska ord som "
        "”deadline” förstår inte alla läsare. Det finns svenska ord för samma sak: ”i praktiken”, "
        "”på förhand”, ”sista dag”."
    )
    source = f"{_SKRIVREGLER}; Språkrådet"
    examples = (
        Example(
            bad="Beslutet innebär de facto att insatsen upphör.",
            good="Beslutet innebär i praktiken att insatsen upphör.",
        ),
        Example(bad="Nämnden fattade beslutet per capsulam.", good="Nämnden fattade beslutet via e-post."),
        Example(bad="Deadline för kompletteringen är den 3 maj.", good="Sista dag för kompletteringen är den 3 maj."),
    )


@register
class BuzzWords(LexiconRule, Rule):
    id = "KS108"
    name = "modeord"
    category = Category.BEGRIPLIGT
    severity = Severity.INFO
    title = "Modeord och svulstiga ord"
    explanation = (
        "Ord som ”tillskapa”, ”implementera” och ”tydliggöra” låter viktiga men säger inte mer än "
        "”skapa”, ”införa” och ”förklara”. Modeord gör texten abstrakt och kan uppfattas som "
        "myndighetsjargong."
    )
    source = f"{_SKRIVREGLER}; Språkrådets Klarspråkstestet"
    examples = (
        Example(
            bad="Nämnden vill tillskapa fler platser i boendet.",
            good="Nämnden vill skapa fler platser i boendet.",
        ),
        Example(
            bad="Vi ska implementera de nya rutinerna under hösten.",
            good="Vi ska införa de nya rutinerna under hösten.",
        ),
    )


