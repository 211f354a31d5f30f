"""KS208 dubbla negationer: a negation before a negative word ("inte ovanligt", "ej obetydlig",
"inte utan att", "kan inte uteslutas"). The negative words are data (``rules/negationer.yaml``),
matched on lemmas; a word is never judged negative because it merely starts with "o" ("inte ofta",
"inte olika" are fine)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    SENTENCE_BLOCKS,
    block_quotes,
    in_spans,
    is_quote_block,
    judged_sentences,
)
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.nlp.types import Token
from klarsprak.resources import load_rules_yaml


@dataclass(frozen=True)
class _Lexicon:
    negators: frozenset[str]
    negator_forms: frozenset[str]  # as written: "inte", "Inte", "INTE"
    between: frozenset[str]
    words: dict  # lemma → suggestion or None
    phrases: tuple[tuple[tuple[str, ...], str | None], ...]


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    data = load_rules_yaml("negationer.yaml")
    return _Lexicon(
        negators=frozenset(data["negators"]),
        negator_forms=frozenset(f for w in data["negators"] for f in (w, w.capitalize(), w.upper())),
        between=frozenset(data["between"]) | {"att"},
        words={str(k): (None if v is None else str(v)) for k, v in data["negative_words"].items()},
        phrases=tuple((tuple(p["words"]), p.get("suggestion")) for p in data.get("phrases") or ()),
    )


def double_negations(toks: list[Token]) -> list[tuple[int, int, str | None]]:
    """(negator, last, suggestion) positions in one sentence."""
    lex = lexicon()
    out = []
    n = len(toks)
    negators = lex.negator_forms
    for k, t in enumerate(toks):
        if t.text not in negators or t.placeholder:
            continue
        m = k + 1
        while m < n and m - k <= 3 and (toks[m].lower in lex.between or toks[m].upos == "AUX"):
            m += 1
        phrase = _phrase_after(toks, k, lex)
        if phrase is not None:
            out.append((k, *phrase))
            continue
        if m >= n:
            continue
        w = toks[m]
        key = w.lemma if w.lemma in lex.words else w.lower if w.lower in lex.words else None
        if key is None or w.upos in ("NOUN", "PROPN"):
            continue
        suggestion = lex.words[key]
        if suggestion and suggestion == key[1:] and w.lower.startswith("o"):
            suggestion = w.text[1:]  # keep the text's inflection: "ovanligt" → "vanligt"
        out.append((k, m, suggestion))
    return out


def _phrase_after(toks: list[Token], k: int, lex: _Lexicon) -> tuple[int, str | None] | None:
    """A negative phrase a few words after the negation, in the same clause: "kan inte verkställas
    utan att". Not the contrast "inte att straffa utan att hjälpa" (an "att" before "utan")."""
    firsts = {words[0] for words, _ in lex.phrases}
    for m in range(k + 1, min(len(toks), k + 6)):
        t = toks[m]
        if t.upos == "PUNCT" or t.lower == "att":
            return None
        if t.lower not in firsts:
            continue
        for words, suggestion in lex.phrases:
            if tuple(x.lower for x in toks[m : m + len(words)]) == words:
                return m + len(words) - 1, suggestion
    return None


@register
class DoubleNegation(Rule):
    id = "KS208"
    name = "dubbel-negation"
    category = Category.ENKELT
    severity = Severity.INFO
    title = "Dubbel negation"
    explanation = (
        "Två negationer i samma led (”inte ovanligt”, ”inte utan att”, ”kan inte uteslutas”) tvingar "
        "läsaren att räkna ut betydelsen. Skriv positivt: ”vanligt”, ”ganska vanligt”, ”bara om”, "
        "”det är möjligt att”."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.6; Språkrådet, Klarspråk"
    examples = (
        Example(bad="Det är inte ovanligt att handläggningen tar åtta veckor.",
                good="Det är vanligt att handläggningen tar åtta veckor."),
        Example(bad="Beslutet kan inte verkställas utan att du har fått del av det.",
                good="Beslutet kan verkställas först när du har fått del av det."),
        Example(bad="Kostnaden är ej obetydlig.", good="Kostnaden är betydande."),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        blocks = ctx.document.blocks
        for s, toks in judged_sentences(ctx, SENTENCE_BLOCKS + (BlockKind.HEADING,)):
            if is_quote_block(blocks[s.block]):
                continue
            quotes = block_quotes(ctx, s.block)
            for k, m, suggestion in double_negations(toks):
                start, end = toks[k].start, toks[m].end
                if in_spans(quotes, start, end):
                    continue
                span = blocks[s.block].text[start:end]
                if suggestion:
                    message = f"Dubbel negation: ”{span}”. Skriv hellre positivt, t.ex. ”{suggestion}”."
                else:
                    message = f"Dubbel negation: ”{span}”. Skriv om meningen positivt."
                yield ctx.finding(self, s.block, start, end, message,
                                  suggestions=[suggestion] if suggestion else [], sentence=s.text)
