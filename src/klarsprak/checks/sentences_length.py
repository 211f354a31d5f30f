"""KS201 lång mening and KS206 mycket långa ord.

KS201 counts words as a reader meets them: placeholders are left out and a legal reference
("4 kap. 1 § socialtjänstlagen (2001:453)") is one unit. Running text, list items and table cells
are judged as sentences; a heading is judged as a heading (it should be short); headers and footers
are not judged. A "sentence" with no finite verb (a table of contents or a list that lost its line
breaks in extraction) is not a sentence and is left to KS207.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    SENTENCE_BLOCKS,
    counted_words,
    is_word,
    judged_sentences,
    sentence_infos,
    severity,
)
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind

_SPLIT_WORDS = {"och", "men", "samt", "eftersom", "därför", "så", "utan"}


@register
class LongSentence(Rule):
    id = "KS201"
    name = "lang-mening"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Lång mening"
    explanation = (
        "Långa meningar är svåra att läsa: läsaren måste hålla många led i minnet innan meningen tar "
        "slut. Håll meningarna under 25 ord och skriv en tanke per mening. Meningar över 35 ord bör "
        "alltid delas upp. Rubriker ska vara korta. En lagrumshänvisning räknas som ett ord."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.2; Språkrådet, Klarspråk"
    options = {"warning": 25, "error": 35, "heading": 12}
    examples = (
        Example(
            bad=(
                "Vi har fått din ansökan om ekonomiskt bistånd för hyra och el för mars månad och vi har "
                "efter att ha gått igenom de handlingar som du lämnade till oss vid besöket den 3 mars "
                "kommit fram till att du inte har rätt till bistånd för el."
            ),
            good=(
                "Vi har fått din ansökan om ekonomiskt bistånd för hyra och el för mars. Vi har gått "
                "igenom dina handlingar. Du har inte rätt till bistånd för el."
            ),
        ),
        Example(
            bad=(
                "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten genom att "
                "skriva till oss inom tre veckor från den dag då du fick del av beslutet, och i "
                "överklagandet ska du ange vilket beslut du överklagar och varför du anser att det är fel."
            ),
            good=(
                "Om du inte är nöjd med beslutet kan du överklaga det till förvaltningsrätten. Skriv till "
                "oss inom tre veckor från den dag då du fick beslutet. Skriv vilket beslut du överklagar "
                "och varför du tycker att det är fel."
            ),
        ),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        warn, err = int(self.option(ctx, "warning")), int(self.option(ctx, "error"))
        yield from self._headings(ctx, int(self.option(ctx, "heading")))
        blocks = ctx.document.blocks
        for info in sentence_infos(ctx):
            if not info.more_words_than(warn) or blocks[info.sentence.block].kind not in SENTENCE_BLOCKS:
                continue
            if not info.finite:
                continue
            s, toks, n = info.sentence, info.tokens, info.units
            over = n > err
            message = (
                f"Meningen har {n} ord{' – det är mycket långt' if over else ''}. "
                f"Dela upp den i kortare meningar, helst högst {warn} ord."
            )
            split = _split_point(toks)
            if split is not None:
                message += f" Du kan t.ex. dela vid ”{split.text}”."
            yield ctx.finding(
                self,
                s.block,
                s.start,
                s.end,
                message,
                severity=severity(ctx, self, Severity.ERROR if over else Severity.WARNING),
                sentence=s.text,
            )

    def _headings(self, ctx: Context, limit: int) -> Iterable[Finding]:
        by_block: dict[int, list] = {}
        blocks = ctx.document.blocks
        for info in sentence_infos(ctx):
            if blocks[info.sentence.block].kind is BlockKind.HEADING:
                by_block.setdefault(info.sentence.block, []).extend(info.tokens)
        for block, toks in by_block.items():
            n = counted_words(toks, ctx.document.blocks[block].text)
            if n > limit:
                yield ctx.finding(
                    self,
                    block,
                    toks[0].start,
                    toks[-1].end,
                    f"Rubriken har {n} ord. Korta den till högst {limit} ord så att den går att överblicka.",
                )


def _split_point(toks) -> object | None:
    """A conjunction after a comma (or a semicolon) near the middle, with at least eight words on
    each side: a natural place to end one sentence and start the next."""
    total = sum(1 for t in toks if is_word(t))
    if total < 16:
        return None
    best, best_dist = None, None
    before = 0
    for k, t in enumerate(toks):
        after_comma = k > 0 and toks[k - 1].text in (",", ";")
        if ((after_comma and t.lower in _SPLIT_WORDS) or t.text == ";") and 8 <= before <= total - 8:
            dist = abs(before - total / 2)
            if best_dist is None or dist < best_dist:
                best, best_dist = t, dist
        if is_word(t):
            before += 1
    return best


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    """How common a word is in Swedish (wordfreq's Zipf scale: 3 is about once per million words)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "sv")


# inflections stripped to find the base form: a definite or plural form is rarer than the word itself
_INFLECTIONS = ("arnas", "ernas", "arna", "erna", "ens", "ets", "en", "et", "ar", "er", "na", "s")


def _base_zipf(word: str) -> float:
    """How common the word is, counting its base form: "funktionsnedsättningen" is as familiar as
    "funktionsnedsättning"."""
    best = _zipf(word)
    for ending in _INFLECTIONS:
        if word.endswith(ending) and len(word) - len(ending) >= 8:
            best = max(best, _zipf(word[: -len(ending)]))
    return best


@register
class VeryLongWord(Rule):
    id = "KS206"
    name = "mycket-langt-ord"
    category = Category.ENKELT
    severity = Severity.INFO
    title = "Mycket långt ord"
    explanation = (
        "Mycket långa sammansatta ord är svåra att läsa och förstå. Dela gärna upp ordet med en "
        "preposition: ”försörjningsstödsbeslutet” kan bli ”beslutet om försörjningsstöd”. Namn, "
        "lagnamn, myndigheters namn och långa ord som är vanliga i svenska (”funktionsnedsättningar”) "
        "markeras inte. Bara första förekomsten i dokumentet markeras."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.3; Språkrådet, Klarspråk"
    options = {"min_letters": 22, "common_zipf": 2.5}
    examples = (
        Example(
            bad="Försörjningsstödsbeslutet skickas till dig.",
            good="Beslutet om försörjningsstöd skickas till dig.",
        ),
        Example(
            bad="Vi har gjort en verksamhetsuppföljningsrapport.",
            good="Vi har gjort en rapport om hur verksamheten följs upp.",
        ),
        Example(
            bad="Läs mer om barnavårdsutredningsmetoden.",
            good="Beslutet fattades enligt förvaltningsprocesslagen av Arbetsmarknadsförvaltningen.",
        ),
    )

    # Names of laws and of organisations cannot be changed by the writer.
    _NAME_ENDINGS = (
        "lagen", "lagens", "lag", "balken", "balkens", "förordningen", "förordningens", "förordning",
        "förvaltningen", "förvaltningens", "nämnden", "nämndens", "myndigheten", "myndighetens",
        "kontoret", "kontorets", "styrelsen", "styrelsens", "inspektionen", "inspektionens",
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        limit = int(self.option(ctx, "min_letters"))
        common = float(self.option(ctx, "common_zipf"))
        seen: set[str] = set()
        for s, toks in judged_sentences(ctx, SENTENCE_BLOCKS + (BlockKind.HEADING,)):
            for k, t in enumerate(toks):
                if len(t.text) < limit or t.placeholder or t.upos not in ("NOUN", "ADJ", "VERB", "ADV"):
                    continue
                letters = sum(c.isalpha() for c in t.text)
                if letters < limit or len(t.text) - letters > 1:
                    continue  # short, or a code with digits and signs
                lower = t.lower
                if lower in seen or ctx.is_accepted(t.text) or lower.endswith(self._NAME_ENDINGS):
                    continue
                if t.text.isupper() or (t.text[0].isupper() and k > 0 and toks[k - 1].text not in ":"):
                    continue  # an acronym or a name
                if "-" in t.text.strip("-"):
                    continue  # already split with a hyphen
                if _base_zipf(lower) >= common:
                    continue  # long but common ("funktionsnedsättningar"): readers know it
                seen.add(lower)
                yield ctx.finding(
                    self,
                    s.block,
                    t.start,
                    t.end,
                    f"”{t.text}” är ett mycket långt ord ({letters} bokstäver). Dela gärna upp det, "
                    f"t.ex. med ”för”, ”av” eller ”om”.",
                    sentence=s.text,
                )
