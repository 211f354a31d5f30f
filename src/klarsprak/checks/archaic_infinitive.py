"""KS102, the archaic order: a passive infinitive with no finite verb to carry it ("Blanketten
ifyllas och insändas senast den 3 maj", "Legitimation medtagas"). Old official Swedish left out
"skall"; today it reads as a broken sentence. Found from the tags, not a word list: any verb can
take the form.

A candidate is a verb tagged as a passive infinitive in -as with no finite verb before it in the
sentence and none after it in the same clause; the -as verbs coordinated with it ("ifyllas och
insändas") share its form, even when the tagger read one of them as a present tense. At least one
of them must be a verb whose -as form is only an infinitive (see :func:`only_infinitive`)."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from klarsprak.checks.sentences_common import is_finite
from klarsprak.model import BlockKind

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.nlp.types import Analysis, Token

_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
_LINKS = {"och", "eller", ","}
_CLAUSE_END = {",", ";", ":", "(", "–"}


def _passive_as(t: "Token") -> bool:
    return t.upos == "VERB" and t.lower.endswith("as") and "Voice=Pass" in t.feats


@lru_cache(maxsize=4096)
def only_infinitive(form: str) -> bool:
    """True when an -as form cannot be a present passive: the verb's present is "-s" ("ifylls",
    "insänds", "medtas", "delges") with an active "-er"/"-ar" beside it. First-conjugation verbs
    ("kontrolleras", "uppdateras") use -as for the present too, so their form says nothing."""
    from klarsprak.checks.speller import speller

    stem = form[:-2]
    pairs = [(stem + "s", stem + "er")]
    if stem.endswith("ag"):  # medtagas → medtas, medtar
        pairs.append((stem[:-2] + "as", stem[:-2] + "ar"))
    if stem.endswith("iv"):  # delgivas → delges, delger
        pairs.append((stem[:-2] + "es", stem[:-2] + "er"))
    sp = speller()
    return any(sp.known(s) and sp.known(a) for s, a in pairs)


def order_infinitives(analysis: "Analysis") -> Iterator[list["Token"]]:
    """Each group of verbs in the archaic order form, as the tokens of the group."""
    tokens = analysis.tokens
    seen: set[int] = set()
    blocks = analysis.document.blocks
    for t in tokens:
        # the cheap tests first: this looks at every token of the document
        if t.xpos != "VB|INF|SFO" or t.upos != "VERB" or not t.text.endswith("as") or t.i in seen:
            continue  # the SUC tag of a passive infinitive
        sentence = analysis.sentences[t.sent]
        if blocks[sentence.block].kind not in _KINDS:
            continue
        toks = tokens[sentence.first : sentence.last]
        pos = t.i - sentence.first
        first, last = _group(toks, pos)
        group = [u for u in toks[first : last + 1] if _passive_as(u)]
        if not any(only_infinitive(u.lower) for u in group):
            continue  # "Rutinen uppdateras årligen": a present passive the tagger may read as an infinitive
        seen.update(u.i for u in group)
        members = {u.i for u in group}
        if first == 0 or toks[first - 1].lower == "att":
            continue  # "att ifyllas", or a verb first: a question or a heading, not this form
        if any(is_finite(u) for u in toks[:first]):
            continue  # "Blanketten ska ifyllas": the modern form
        if any(is_finite(u) and u.i not in members for u in _rest_of_clause(toks, last + 1)):
            continue
        yield group


def _group(toks: list["Token"], pos: int) -> tuple[int, int]:
    """The span of -as verbs coordinated with the one at ``pos`` ("ifyllas och insändas")."""
    first = last = pos
    j = pos - 1
    while j > 0 and toks[j].lower in _LINKS and _passive_as(toks[j - 1]):
        first = j - 1
        j -= 2
    j = pos + 1
    while j + 1 < len(toks) and toks[j].lower in _LINKS and _passive_as(toks[j + 1]):
        last = j + 1
        j += 2
    return first, last


def _rest_of_clause(toks: list["Token"], start: int) -> list["Token"]:
    out = []
    for u in toks[start:]:
        if u.text in _CLAUSE_END or u.upos == "SCONJ" or u.lower == "som":
            break
        out.append(u)
    return out
