"""KS106 ovanliga ord (info): words a reader rarely meets, by Swedish word frequency (wordfreq).

Precision first. A word is rare only when: wordfreq has seen neither it nor its lemma often; it
is a real Swedish word (the spelling dictionary knows it; unknown words are KS501's); it is no
name, abbreviation (wordfreq lower-cases, so "SoL" would read as "sol") or glossary term; and it is
no compound of common words ("beslutsvägar" = "besluts" + "vägar"), split at any point, with
or without a linking -s-.
"""

from __future__ import annotations

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.speller import speller
from klarsprak.checks.vocabulary import known_words, ordinary_words, splits_into_common, zipf
from klarsprak.findings import Category, Severity

MIN_LENGTH = 5  # short rare words are mostly foreign or technical tokens, not hard Swedish words


@register
class RareWord(Rule):
    id = "KS106"
    name = "ovanligt-ord"
    category = Category.BEGRIPLIGT
    severity = Severity.INFO
    title = "Ovanliga ord"
    explanation = (
        "Ord som sällan förekommer i svenska texter är svårare att förstå, särskilt för den som har "
        "svenska som andraspråk eller lässvårigheter. Regeln jämför orden med hur vanliga de är i "
        "stora mängder svensk text. Fundera på om det finns ett vanligare ord, eller förklara ordet."
    )
    source = "Språklagen 11 §; Myndigheternas skrivregler (Ds 2009:38); ordfrekvenser från wordfreq"
    options = {"max_frequency": 2.0, "compound_part_frequency": 3.0}
    examples = (
        Example(
            bad="Handläggaren ansåg att kostnaden var oskälig och föreslog en jämkning.",
            good="Handläggaren ansåg att kostnaden var för hög och föreslog en lägre avgift.",
        ),
        Example(
            bad="Beslutet är överklagbart.",
            good="Du kan överklaga beslutet.",
        ),
    )

    def check(self, ctx: Context):
        limit = float(self.option(ctx, "max_frequency"))
        part_limit = float(self.option(ctx, "compound_part_frequency"))
        known = known_words(ctx)
        judged: dict[str, bool] = {}
        for token, form in ordinary_words(ctx):
            rare = judged.get(form)
            if rare is None:
                rare = _is_rare(form, token.lemma, limit, part_limit, known) and not ctx.is_accepted(token.text)
                judged[form] = rare
                if rare:
                    yield ctx.finding(
                        self, token.block, token.start, token.end,
                        f"”{token.text}” är ett ovanligt ord. Använd ett vanligare ord eller förklara det.",
                    )


def _is_rare(form: str, lemma: str, limit: float, part_limit: float, known: frozenset[str]) -> bool:
    if len(form) < MIN_LENGTH or "-" in form or form in known or lemma in known:
        return False
    if zipf(form) >= limit or (lemma and zipf(lemma) >= limit):
        return False
    if splits_into_common(form, part_limit) or (lemma and lemma != form and splits_into_common(lemma, part_limit)):
        return False
    return speller().known(form)
