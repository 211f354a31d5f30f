"""Helpers shared by the sentence rules (KS201-KS208): which sentences to judge, how to count words,
where quotations are, and how to turn a passive or a light verb into an active verb form.

Pure functions over :mod:`klarsprak.nlp.types`; nothing here touches spaCy."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from klarsprak.checks.spans import Intervals
from klarsprak.findings import Severity
from klarsprak.model import Block, BlockKind

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context, Rule
    from klarsprak.nlp.types import Sentence, Token

# A reference to a statute counts as one unit when sentence length is measured: "4 kap. 1 §
# socialtjänstlagen (2001:453)" is read as one name, not as six words.
_LAW_NAME = r"(?:[a-zåäö-]*(?:lagen|balken|förordningen|ordningen|lag|förordning|balk)|[A-ZÅÄÖ][a-zåäö]*[A-ZÅÄÖ][A-Za-zÅÄÖåäö]*)"
LEGAL_REF = re.compile(
    r"(?:\b\d+\s?[a-z]?\s?kap\.?\s*)?"  # 4 kap.
    r"\b\d+\s?[a-z]?(?:\s?(?:,|och|-|–)\s?\d+\s?[a-z]?)*\s?§§?"  # 1 §, 2 a §, 1 och 2 §§, 3-5 §§
    r"(?:\s(?:första|andra|tredje|fjärde|femte|sjätte|sjunde|\d+)\s(?:stycket|st\.?))?"
    r"(?:\s(?:\d+\s?p\.?|punkt(?:en)?\s\d+))?"
    rf"(?:\s{_LAW_NAME}\b)?"
    r"(?:\s?\(\d{4}:\d+\))?"
    r"|\(\d{4}:\d+\)"  # an SFS number on its own
    r"|§\s?\d+",  # a minutes paragraph: § 43
)

# Quotation marks Swedish texts use; text inside them is someone else's words (a law, a statement).
_QUOTE = re.compile(r"”[^”\n]{2,}”|\"[^\"\n]{2,}\"|«[^»\n]{2,}»|„[^“”\n]{2,}[“”]|“[^”\n]{2,}”")

_LETTER = re.compile(r"[^\W\d_]")
_NOT_WORD_UPOS = frozenset(("PUNCT", "SYM", "SPACE", "X"))


def is_word(t: "Token") -> bool:
    """``Token.is_word`` (a part of speech that is not punctuation, and a letter), without the
    generator: this runs for every token several times per document."""
    if t.upos in _NOT_WORD_UPOS:
        return False
    return t.text[:1].isalpha() or _LETTER.search(t.text) is not None


def is_finite(t: "Token") -> bool:
    """``Token.is_finite_verb`` without parsing the feature string into pairs."""
    return (t.upos == "VERB" or t.upos == "AUX") and "VerbForm=Fin" in t.feats


def is_verb(t: "Token") -> bool:
    """A verb by the part of speech or by the SUC tag: the two come from different components of
    the pipeline and do not always agree ("informerat" as ADJ with the tag VB|SUP)."""
    return t.upos == "VERB" or t.upos == "AUX" or t.xpos[:2] == "VB"


def is_noun(t: "Token") -> bool:
    """A common noun by the part of speech or by the SUC tag ("återkrav" as ADV with NN)."""
    return t.upos == "NOUN" or t.xpos[:2] == "NN"


SENTENCE_BLOCKS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)


def severity(ctx: "Context", rule: "Rule", default: Severity) -> Severity:
    """A per-finding severity that still honours the organisation's ``[severity]`` override."""
    return ctx.config.severity.get(rule.id, default)


def is_quote_block(block: Block) -> bool:
    """A block styled as a quotation (docx "Citat"/"Quote", md blockquote): quoted law text."""
    style = block.style
    if not style:
        return False
    style = style.lower()
    return "quote" in style or "citat" in style


def quote_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _QUOTE.finditer(text)]


def in_spans(spans: "list[tuple[int, int]] | Intervals", start: int, end: int) -> bool:
    """One of ``spans`` holds all of ``[start, end)``."""
    if isinstance(spans, Intervals):
        return spans.covers(start, end)
    return any(s <= start and end <= e for s, e in spans)


def block_quotes(ctx: "Context", block: int) -> Intervals:
    """Quoted spans of a block, cached per document (indexed: a long block has many)."""
    cache = ctx.shared.setdefault("sentences.quotes", {})
    if block not in cache:
        cache[block] = Intervals(quote_spans(ctx.document.blocks[block].text))
    return cache[block]


@dataclass(slots=True)
class SentenceInfo:
    """What several sentence rules need about one sentence, computed once per document and only
    when asked (most sentences are too short for most questions)."""

    sentence: "Sentence"
    tokens: list["Token"]
    text: str  # the block's text
    _units: int = -1
    _finite: int = -1

    @property
    def units(self) -> int:
        """Words as a reader meets them (see :func:`counted_words`)."""
        if self._units < 0:
            self._units = counted_words(self.tokens, self.text)
        return self._units

    def more_words_than(self, n: int) -> bool:
        """``units > n``, without counting when the sentence has too few tokens anyway."""
        return len(self.tokens) > n and self.units > n

    @property
    def finite(self) -> bool:
        """The sentence has a finite verb."""
        if self._finite < 0:
            self._finite = int(any(is_finite(t) for t in self.tokens))
        return bool(self._finite)


def sentence_infos(ctx: "Context") -> list[SentenceInfo]:
    """One :class:`SentenceInfo` per ``analysis.sentences`` entry (same order), cached per document."""
    cached = ctx.shared.get("sentences.info")
    if cached is None:
        blocks = ctx.document.blocks
        tokens = ctx.analysis.tokens
        cached = [SentenceInfo(s, tokens[s.first : s.last], blocks[s.block].text) for s in ctx.analysis.sentences]
        ctx.shared["sentences.info"] = cached
    return cached


def judged_sentences(ctx: "Context", kinds=SENTENCE_BLOCKS) -> Iterator[tuple["Sentence", list["Token"]]]:
    """Sentences in blocks of the given kinds, with their tokens (page furniture never)."""
    blocks = ctx.document.blocks
    for info in sentence_infos(ctx):
        if blocks[info.sentence.block].kind in kinds:
            yield info.sentence, info.tokens


def legal_spans(text: str) -> list[tuple[int, int]]:
    if "§" not in text and ":" not in text:
        return []  # every legal reference has a § or an SFS number (2001:453)
    return [m.span() for m in LEGAL_REF.finditer(text) if any(c.isdigit() for c in m.group())]


def counted_words(tokens: list["Token"], block_text: str) -> int:
    """Words as a reader meets them: placeholders left out, each legal reference one unit."""
    if not tokens:
        return 0
    lo, hi = tokens[0].start, tokens[-1].end
    spans = legal_spans(block_text[lo:hi])
    if not spans:  # is_word, inlined: asked for most sentences by several rules
        not_word, letter = _NOT_WORD_UPOS, _LETTER.search
        return sum(
            1 for t in tokens
            if not t.placeholder and t.upos not in not_word and (t.text[:1].isalpha() or letter(t.text) is not None)
        )
    spans = [(s + lo, e + lo) for s, e in spans]
    count = 0
    used: set[int] = set()
    for t in tokens:
        if t.placeholder:
            continue
        hit = next((k for k, (s, e) in enumerate(spans) if s <= t.start < e), None)
        if hit is not None:
            if hit not in used:
                used.add(hit)
                count += 1
            continue
        if is_word(t):
            count += 1
    return count


def words_of(tokens: list["Token"]) -> list["Token"]:
    return [t for t in tokens if not t.placeholder and is_word(t)]


# --- verb forms ------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def dictionary_lemma(word: str) -> str:
    """The lemma from simplemma's Swedish dictionary (independent of the tagger)."""
    lemmatizer = _lemmatizer()
    if lemmatizer is None:
        import simplemma

        return simplemma.lemmatize(word, lang="sv")
    return lemmatizer.lemmatize(word, "sv")


@lru_cache(maxsize=1)
def _lemmatizer():
    """simplemma's own lemmatiser (same strategies, same answers as ``simplemma.lemmatize``) reading
    the NLP stage's copy of its Swedish table (:mod:`klarsprak.nlp.lemmas`, cached on disk): simplemma
    itself decompresses the whole dictionary at first use, ~0.9 s of a cold start. None when this
    simplemma version has no such hooks (then simplemma is asked directly)."""
    try:
        from simplemma import Lemmatizer
        from simplemma.strategies import DefaultStrategy
        from simplemma.strategies.dictionaries.dictionary_factory import DecodedStrMapping, DictionaryFactory

        from klarsprak.nlp.lemmas import _table

        table = _table()
        if table is None or not callable(getattr(table, "get", None)):
            return None

        class _Swedish(DecodedStrMapping):
            """The table (bytes -> bytes, a dict or the SQLite file) as simplemma's str mapping."""

            def _lookup(self, key: str) -> str | None:
                value = table.get(key.encode("utf-8"))
                return value.decode("utf-8") if value is not None else None

            def __iter__(self):  # never asked for Swedish by the non-greedy strategies
                raise NotImplementedError

            def __len__(self) -> int:
                raise NotImplementedError

        swedish = _Swedish()

        class _Factory(DictionaryFactory):
            def get_dictionary(self, lang: str):
                if lang != "sv":
                    raise ValueError(f"Unsupported language: {lang}")
                return swedish

        return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_Factory()))
    except Exception:  # noqa: BLE001 - another simplemma version: its public API, with the slow start
        return None


def looks_like_verb(t: "Token") -> bool:
    """A finite verb form the tagger may have read as something else: "genomför" (an adverb?),
    "avslås" (a noun?). The dictionary lemma is a verb-like infinitive and the form a present,
    past or s-form of it. Used to hold findings back or as a narrow fallback, never on its own."""
    lower = t.lower
    if not t.is_word or len(lower) < 4:
        return False
    lemma = dictionary_lemma(lower)
    if lemma == lower or lemma[:3] != lower[:3]:
        return False
    if lemma[-1] in "aeiouyåäö" and lower == lemma + "s":
        return True  # avslås, beviljas, bedömas
    return lemma.endswith("a") and lower.endswith(("r", "de", "te", "dde"))

_VOWELS = set("aeiouyåäö")


def tense_of(token: "Token") -> str:
    """prs | prt | sup | inf | imp | part | "" from the SUC tag, falling back to UD features."""
    parts = token.xpos.split("|") if token.xpos else []
    for key, value in (("PRS", "prs"), ("PRT", "prt"), ("SUP", "sup"), ("INF", "inf"), ("IMP", "imp")):
        if key in parts:
            return value
    if parts[:1] == ["PC"]:
        return "part"
    form, tense = token.feat("VerbForm"), token.feat("Tense")
    if form == "Sup":
        return "sup"
    if form == "Inf":
        return "inf"
    if form == "Part":
        return "part"
    if "Mood=Imp" in token.feats:
        return "imp"
    if tense == "Pres":
        return "prs"
    if tense == "Past":
        return "prt"
    return ""


def active_from_s_passive(form: str, tense: str) -> str | None:
    """The active form of an s-passive: avslås → avslår, beviljades → beviljade, bedöms → bedömer.

    Built from the word itself (not the lemma), which keeps strong and irregular stems."""
    lower = form.lower()
    if not lower.endswith("s") or len(lower) < 3:
        return None
    stem = lower[:-1]
    if tense in ("prt", "sup", "inf"):
        return stem
    if tense == "prs":
        if stem.endswith("e") and len(stem) > 3 and stem[-2] not in _VOWELS:
            stem = stem[:-1]  # archaic "bedömes" → "bedöm"
        if stem[-1] in _VOWELS:
            return stem + "r"  # avslå → avslår, bevilja → beviljar, ge → ger
        if stem.endswith("r"):
            return stem  # görs → gör
        return stem + "er"  # bedöm → bedömer
    return None


def conjugate(verb: str, tense: str, forms: dict[str, list[str]], passive: bool = False) -> str | None:
    """A (possibly multi-word, "följa upp") verb in a tense. ``forms`` holds present/past/supine for
    verbs not conjugated like "kontrollera" (-ar, -ade, -at). None when it cannot be done safely."""
    head, _, rest = verb.partition(" ")
    tail = f" {rest}" if rest else ""
    if head in forms:
        prs, prt, sup = forms[head]
    elif head.endswith("a"):
        prs, prt, sup = head + "r", head + "de", head + "t"
    else:
        return None
    if not passive:
        out = {"prs": prs, "prt": prt, "sup": sup, "inf": head, "imp": head[:-1] if head.endswith("a") else head}
        form = out.get(tense)
        return form + tail if form else None
    if tense == "inf":
        form = head + "s"
    elif tense == "prt":
        form = prt + "s"
    elif tense == "sup":
        form = sup + "s"
    elif tense == "prs":
        if prs.endswith("ar") or (head[-1] in _VOWELS and head[-1] != "a"):
            form = head + "s"  # prövas, ges
        elif prs.endswith("er"):
            stem = prs[:-2]
            if stem[-2:] in ("mm", "nn"):
                stem = stem[:-1]  # stämmer → stäms, känner → känns
            form = stem + "s"  # bedöms
        else:
            form = prs + "s"  # görs
    else:
        return None
    return form + tail
