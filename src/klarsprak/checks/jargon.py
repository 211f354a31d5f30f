"""KS105 fackord och jargong som inte förklaras första gången de används.

Terms come from the glossary (``rules/fackord.yaml`` plus an organisation's ``fackord:`` lists),
matched on lemmas and on a pattern for inflected and multi-word forms. The first use in body
text (headings and the letterhead do not count) must be explained: in parentheses, with "det vill säga", "alltså",
"som betyder", "– …", as "X är/betyder …" at the start of a sentence, or in the next sentence
("Det betyder …"). Otherwise the rule suggests the glossary's plain explanation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from klarsprak.checks.alternation import Alternation
from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.spans import block_words, in_placeholder, sentence_index
from klarsprak.checks.vocabulary import WORD_LEFT, WORD_RIGHT, GlossaryEntry, glossary, lower_keep_length
from klarsprak.findings import Category, Severity
from klarsprak.model import BlockKind

BODY = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)

EXPLAINED_AFTER = re.compile(
    r"^\s*(?:[,–—:-]|\s)\s*(?:det vill säga|dvs\.?|d\.v\.s\.|alltså|med andra ord|som betyder|som innebär|"
    r"vilket betyder|vilket innebär|som är|som kallas|som avser|som handlar om|är när|betyder|innebär)\b"
    r"|^\s*,\s*(?:som|vilket)\b"
    r"|^\s*[–—:]\s*\w"
    r"|^\s*\((?=[^)]*\b[a-zåäö]{3,}\b[^)]*\b[a-zåäö]{3,}\b)[^)]*\)",
    re.IGNORECASE,
)
EXPLAINED_AFTER_AT_START = re.compile(r"^\s*(?:är|betyder|innebär|kallas|avser)\b", re.IGNORECASE)
EXPLAINED_BEFORE = re.compile(
    r"(?:så kallad[et]?|s\.k\.|som kallas(?: för)?|det som kallas|det vi kallar|kallat|kallad)\s*$|\(\s*$",
    re.IGNORECASE,
)
# "Det som blir kvar är ditt avgiftsutrymme.": a definition names the term with a determiner; a bare
# predicate ("om du är kvalificerat insolvent") explains nothing
DEFINED_BEFORE = re.compile(
    r"\b(?:(?:kallas|heter)\s+(?:ditt|din|dina|en|ett|det|den|vårt|vår)?|är\s+(?:ditt|din|dina|en|ett|det|den|vårt|vår))\s*$",
    re.IGNORECASE,
)
SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+)(?:(?:ett|en|med|om|vad är)\s+)?$", re.IGNORECASE)
NEXT_SENTENCE = re.compile(
    r"^\s*(?:det (?:betyder|innebär|är|kallas|vill säga)|med det (?:menas|avses)|detta (?:betyder|innebär))\b",
    re.IGNORECASE,
)
MEANS_AFTER = re.compile(r"^\s*(?:menas|avses)\b", re.IGNORECASE)
LEGAL_WORDS = {"kap", "lag", "sol", "lss", "st", "p", "ff"}


@dataclass
class Occurrence:
    entry: GlossaryEntry
    block: int
    start: int
    end: int


_COMBINED: dict[tuple[str, ...], Alternation] = {}


def _combined(entries: tuple[GlossaryEntry, ...]) -> Alternation:
    """One scan for the whole glossary (an alternative per entry): one pass per block."""
    key = tuple(e.regex.pattern for e in entries)
    rx = _COMBINED.get(key)
    if rx is None:
        rx = Alternation(WORD_LEFT, [f"{e.inner}{WORD_RIGHT}" for e in entries])
        _COMBINED.clear()
        _COMBINED[key] = rx
    return rx


_PREPARED: list[tuple[tuple[GlossaryEntry, ...], tuple]] = []


def _prepared(entries: tuple[GlossaryEntry, ...]) -> tuple:
    """(entries by lemma, entries longest first, the combined regex), built once per glossary, not per
    document (the rule makes a new tuple per document, of the same cached entries)."""
    for known, prepared in _PREPARED:
        if len(known) == len(entries) and all(a is b for a, b in zip(known, entries)):
            return prepared
    by_lemma: dict[str, list[GlossaryEntry]] = {}
    for e in entries:
        for lemma in e.lemmas:
            by_lemma.setdefault(lemma, []).append(e)
    ordered = tuple(sorted(entries, key=lambda e: -len(e.term)))  # longest first wins a tie
    prepared = (by_lemma, ordered, _combined(ordered))
    del _PREPARED[3:]
    _PREPARED.insert(0, (entries, prepared))
    return prepared


def occurrences(ctx: Context, entries: tuple[GlossaryEntry, ...]) -> list[Occurrence]:
    """Every glossary term in the document, in order; a term inside a longer term does not count."""
    found: list[Occurrence] = []
    if not entries:
        return found
    by_lemma, ordered, rx = _prepared(entries)
    for block in ctx.document.blocks:
        if block.kind.is_page_furniture:
            continue
        for i, start, end in rx.finditer(lower_keep_length(block.text)):
            found.append(Occurrence(ordered[i], block.index, start, end))
    for t in ctx.analysis.tokens:
        if t.placeholder or t.lemma not in by_lemma:
            continue
        for e in by_lemma[t.lemma]:
            found.append(Occurrence(e, t.block, t.start, t.end))
    found.sort(key=lambda o: (o.block, o.start, -(o.end - o.start)))
    kept: list[Occurrence] = []
    for o in found:
        if any(k.block == o.block and k.start <= o.start and o.end <= k.end for k in kept[-8:]):
            continue  # the same term found twice, or "bistånd" inside "bistånd enligt 4 kap. 1 §"
        kept.append(o)
    return kept


def is_explained(ctx: Context, o: Occurrence) -> bool:
    text = ctx.document.blocks[o.block].text
    if o.entry.context is not None and o.entry.context.search(_sentence_text(ctx, o)):
        return True
    after = text[o.end : o.end + 80]
    before = text[max(0, o.start - 40) : o.start]
    m = EXPLAINED_AFTER.match(after)
    if m:
        inside = re.match(r"^\s*\(([^)]*)\)", after)
        if inside is None:
            return True
        words = [w for w in re.findall(r"[a-zåäö]{3,}", inside.group(1)) if w not in LEGAL_WORDS]
        if len(words) >= 2:
            return True
    if EXPLAINED_BEFORE.search(before):
        return True
    if DEFINED_BEFORE.search(before) and re.match(r"^\s*[.!]", after):
        return True  # "Det som blir kvar är ditt avgiftsutrymme."
    if before.rstrip().lower().endswith("med") and MEANS_AFTER.match(after):
        return True  # "Med försörjningsstöd menas …"
    if SENTENCE_START.search(before) and EXPLAINED_AFTER_AT_START.match(after):
        return True  # "Försörjningsstöd är pengar till …"
    return _next_sentence_explains(ctx, o)


def _holding(ctx: Context, o: Occurrence):
    """The position in ``analysis.sentences`` of the first sentence of the block that holds the
    term, and that sentence (None: no sentence holds it)."""
    s = sentence_index(ctx, o.block).first_holding(o.start)
    if s is None:
        return None, None
    sentences = ctx.analysis.sentences
    return (s.i if s.i < len(sentences) and sentences[s.i] is s else sentences.index(s)), s


def _sentence_text(ctx: Context, o: Occurrence) -> str:
    """The sentence with the term and the one before it (in the same block)."""
    i, s = _holding(ctx, o)
    if s is None:
        return ctx.document.blocks[o.block].text
    sentences = ctx.analysis.sentences
    before = sentences[i - 1].text if i and sentences[i - 1].block == o.block else ""
    return before + " " + s.text


def _next_sentence_explains(ctx: Context, o: Occurrence) -> bool:
    """"Det betyder …" or "<term> är …" as the next sentence."""
    i, s = _holding(ctx, o)
    if s is None:
        return False
    sentences = ctx.analysis.sentences
    if i + 1 >= len(sentences) or sentences[i + 1].block not in (o.block, o.block + 1):
        return False
    nxt = sentences[i + 1].text
    if NEXT_SENTENCE.match(nxt):
        return True
    low = lower_keep_length(nxt)
    m = o.entry.regex.match(low)
    return bool(m) and bool(EXPLAINED_AFTER_AT_START.match(low[m.end():]))


def _letterhead_end(ctx: Context) -> int:
    """The first block after the letterhead, from the structure the KS4xx rules share; 0 when the
    whole text reads as letterhead (a short fragment has none)."""
    from klarsprak.structure.sections import structure_of

    end = structure_of(ctx).letterhead_end
    return 0 if end >= len(ctx.document.blocks) else end


@register
class UnexplainedJargon(Rule):
    id = "KS105"
    name = "fackord-utan-forklaring"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Fackord och jargong som inte förklaras"
    explanation = (
        "Ord som är självklara för dig som arbetar med ärendet, till exempel försörjningsstöd, "
        "kommunicering eller verkställighet, kan vara obegripliga för mottagaren. Förklara fackordet "
        "första gången du använder det, till exempel med ”det vill säga” eller inom parentes, eller "
        "byt ut det mot en vardaglig beskrivning. Språklagen kräver att myndigheters språk är "
        "begripligt."
    )
    source = "Språklagen 11 §; Myndigheternas skrivregler (Ds 2009:38); Klarspråkstestet"
    # letters to a person; not an utredning/tjänsteskrivelse or a rapport, read by a board that
    # knows the terms
    profiles = frozenset({"beslut", "brev", "mall"})
    examples = (
        Example(
            bad="Du har ansökt om försörjningsstöd för mars.",
            good="Du har ansökt om försörjningsstöd, det vill säga pengar till mat, kläder och hyra, för mars.",
            profile="beslut",
        ),
        Example(
            bad="Innan vi beslutar sker kommunicering med dig.",
            good="Innan vi beslutar sker kommunicering (du får läsa det vi har fått in och säga vad du tycker).",
            profile="beslut",
        ),
        Example(
            bad="Beslutet har fattats av en delegat.",
            good="Beslutet har fattats av en tjänsteperson som har rätt att besluta i nämndens ställe.",
            profile="beslut",
        ),
    )

    def check(self, ctx: Context):
        entries = tuple(e for e in glossary(ctx.config) if not ctx.is_accepted(e.term))
        seen: set[str] = set()
        letterhead_end = _letterhead_end(ctx)
        for o in occurrences(ctx, entries):
            if o.entry.term in seen or o.block < letterhead_end:
                continue  # a unit name in the letterhead ("enheten för försörjningsstöd") is not a first use
            block = ctx.document.blocks[o.block]
            if block.kind not in BODY or block_words(ctx, block) <= 3:
                continue  # a heading or a label ("Handläggare" under a signature) explains nothing
            seen.add(o.entry.term)
            text = block.text[o.start : o.end]
            if ctx.is_accepted(text) or in_placeholder(ctx.shared, block, o.start, o.end) or is_explained(ctx, o):
                continue
            suggestion = f"{text}, det vill säga {o.entry.explanation}"
            yield ctx.finding(
                self, o.block, o.start, o.end,
                f"Fackordet ”{text}” förklaras inte. Förklara det första gången, till exempel: ”{suggestion}”.",
                suggestions=[suggestion],
            )
