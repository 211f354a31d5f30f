"""KS207 meningsfragment in running text.

Only paragraphs (and footnotes) are judged: headings, list items, table cells, headers and footers
are allowed to be short phrases. Letters are full of lines without a verb (the date, the address,
"Med vänliga hälsningar", a signature), so a verbless "sentence" is flagged only when it ends with a
full stop and stands among real sentences in the same paragraph. Three kinds:

1. a sentence that starts with "Samt", or with a relative word that needs the previous sentence
   ("Vilket innebär att …", "Varvid …");
2. a subordinate clause standing alone ("Eftersom du inte har lämnat in handlingarna.");
3. a sentence without a finite verb among real sentences ("Beslut om bistånd för mars.").

A sentence cut at an abbreviation by the sentence splitter ("enligt bl.a.") is not a fragment, and
neither is a greeting or thanks ("Tack för din ansökan.").
"""

from __future__ import annotations

import re
from typing import Iterable

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    block_quotes,
    dictionary_lemma,
    in_spans,
    is_finite,
    is_quote_block,
    legal_spans,
    looks_like_verb,
    sentence_infos,
    words_of,
)
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.nlp.types import Token

_KINDS = (BlockKind.PARAGRAPH, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
_RELATIVE_START = {"vilket", "vilken", "vilka", "varvid", "varpå", "varigenom", "varmed", "varav"}
_SUBORDINATORS = {"eftersom", "emedan", "fastän", "fast", "trots", "medan", "därför", "att", "om", "när", "då",
                  "innan", "sedan", "tills", "ifall", "såvida", "såsom", "för"}
_FORMULAS = ("tack", "välkommen", "hej", "hälsningar", "vänliga", "med vänlig", "grattis", "lycka till",
             "god jul", "gott nytt", "trevlig", "varmt välkommen", "obs", "se även", "jfr")
_ABBREVIATION_END = re.compile(r"(?:\b\w{1,4}\.\w{1,3}\.|\b(?:kap|st|p|nr|resp|ca|jfr|dvs|mm|osv|tel|fr\.o\.m|t\.o\.m)\.)$",
                               re.IGNORECASE)


def fragment_kind(toks: list[Token], text: str, neighbours_ok: bool, has_finite: bool | None = None) -> str | None:
    """Why the sentence ``toks`` is a fragment ("samt", "relativ", "bisats", "verblös") or None.

    ``neighbours_ok``: the paragraph has at least one other sentence with a finite verb.
    ``has_finite``: whether the sentence has a finite verb, when the caller knows."""
    last = toks[-1]
    if last.text == "?" or len(toks) < 3:
        return None
    t0 = toks[0]
    if t0.is_word:
        l0 = t0.lower
        if l0 == "samt":
            return "samt"
        if l0 in _RELATIVE_START and (l0.startswith("var") or is_finite(toks[1])):
            return "relativ"
    if last.text != ".":
        return None
    if has_finite and t0.upos != "SCONJ":
        return None  # a finite verb and no subordinator first: a whole sentence
    stripped = text[t0.start : last.end].strip()
    if _ABBREVIATION_END.search(stripped):
        return None
    words = words_of(toks)
    if len(words) < 2:
        return None
    first = words[0]
    finite = [t for t in toks if is_finite(t)]
    if stripped.lower().startswith(_FORMULAS):
        return None
    if first.upos == "SCONJ" and first.lower in _SUBORDINATORS and toks[0] is first and len(words) >= 3:
        if any(_subject_follows(toks, t) for t in finite):
            return None  # "Sedan den 4 april har du bott …": a preposition, then an inverted main clause
        if len(finite) == 1:
            return "bisats"
        # an adverbial clause in front makes the main clause inverted ("Eftersom …, avslår vi");
        # an att-clause as subject does not ("Att du har rätt till stöd framgår av …")
        if first.lower not in ("att", "om") and not any(_opens_main_clause(toks, t) for t in finite[1:]):
            return "bisats"
        return None
    if finite or not neighbours_ok or len(words) < 3:
        return None
    if any(t.upos in ("VERB", "AUX") or looks_like_verb(t) for t in toks):
        return None  # an infinitive or a participle (an elliptic but complete thought), or a tag slip
    if (first.upos == "PROPN" and not _maybe_imperative(first)) or (
        len(words) > 1 and first.text[:1].isupper() and words[1].text[:1].isupper()
    ):
        return None  # a name: a signature ("Per Holm, biståndshandläggare.") or a caption
    if _maybe_imperative(first):
        return None  # "Betala till bankgiro …": an imperative the tagger read as a name or a noun
    legal = sum(e - s for s, e in legal_spans(stripped))
    if legal * 2 >= len(stripped):
        return None  # a citation: "4 kap. 1 § socialtjänstlagen."
    return "verblös"


_NOMINATIVE = {"jag", "du", "han", "hon", "vi", "ni", "de", "man", "den", "det", "hen"}


def _opens_main_clause(toks: list[Token], verb: Token) -> bool:
    """A finite verb that may start the main clause after a fronted subordinate clause: it follows a
    comma, or its subject comes right after it ("Eftersom …, avslår vi" / "… avslår vi ansökan")."""
    k = toks.index(verb)
    if k > 0 and toks[k - 1].text == ",":
        return True
    m = k + 1
    while m < len(toks) and toks[m].upos in ("ADV", "PART") and toks[m].lower != "att":
        m += 1
    return m < len(toks) and (
        toks[m].lower in _NOMINATIVE or toks[m].upos in ("NOUN", "PROPN", "DET") or "Poss=Yes" in toks[m].feats
    )


# Subject pronouns that never follow the finite verb of a subordinate clause: there the subject comes
# first ("eftersom du har"), so "har du" is the inverted word order of a main clause. ("den", "det"
# and "de" are left out: they are also objects and articles, "eftersom vi fick det".)
_PERSONAL_SUBJECTS = {"jag", "du", "han", "hon", "vi", "ni", "hen", "man"}


def _subject_follows(toks: list[Token], verb: Token) -> bool:
    k = toks.index(verb)
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return nxt is not None and nxt.upos == "PRON" and nxt.lower in _PERSONAL_SUBJECTS


def _maybe_imperative(t: Token) -> bool:
    """A first word that may be an imperative: the dictionary gives an infinitive that is the word
    itself ("betala", "ange") or the word plus -a ("ring" → "ringa", "glöm" → "glömma")."""
    lower = t.lower
    lemma = dictionary_lemma(lower)
    if lemma[-1:] not in ("a", "e", "å"):
        return False
    return lemma in (lower, lower + "a", lower + lower[-1:] + "a")


_MESSAGES = {
    "samt": "Meningen börjar med ”Samt” och saknar en egen huvudsats. Skriv ihop den med meningen före eller "
            "skriv om den till en hel mening.",
    "relativ": "Meningen börjar med ”{w}” och hänger på meningen före. Skriv ihop dem eller börja med ”Det”.",
    "bisats": "Meningen är en ensam bisats (”{w} …”) utan huvudsats. Skriv ihop den med meningen före eller "
              "efter, eller lägg till vad som följer.",
    "verblös": "Meningen saknar verb. Skriv en hel mening med subjekt och verb.",
}


@register
class Fragment(Rule):
    id = "KS207"
    name = "meningsfragment"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Meningsfragment i löpande text"
    explanation = (
        "En mening i löpande text ska kunna stå för sig själv: den behöver en huvudsats med subjekt och "
        "verb. Meningar som börjar med ”Samt” eller ”Vilket”, ensamma bisatser (”Eftersom du inte har "
        "lämnat in handlingarna.”) och verblösa stycken gör att läsaren måste gissa sambandet. Rubriker, "
        "punktlistor, tabeller och brevhuvud bedöms inte."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.2; Språkrådet, Klarspråk"
    examples = (
        Example(
            bad="Du ska skicka in kontoutdrag för mars. Samt lönebesked för april.",
            good="Du ska skicka in kontoutdrag för mars och lönebesked för april.",
        ),
        Example(
            bad="Vi avslår din ansökan. Eftersom du inte har lämnat in de handlingar vi begärde.",
            good="Vi avslår din ansökan eftersom du inte har lämnat in de handlingar vi begärde.",
        ),
        Example(
            bad="Din inkomst är högre än normen. Vilket innebär att du inte har rätt till bistånd.",
            good="Din inkomst är högre än normen. Det innebär att du inte har rätt till bistånd.",
        ),
    )

    def check(self, ctx: Context) -> Iterable[Finding]:
        blocks = ctx.document.blocks
        by_block: dict[int, list] = {}
        for info in sentence_infos(ctx):
            by_block.setdefault(info.sentence.block, []).append(info)
        for b in blocks:
            if b.kind not in _KINDS or is_quote_block(b):
                continue
            infos = by_block.get(b.index)
            if not infos:
                continue
            sentences = [i.sentence for i in infos]
            all_toks = [i.tokens for i in infos]
            has_verb = [i.finite for i in infos]
            prev_block = blocks[b.index - 1] if b.index > 0 else None
            tail = prev_block.text.rstrip()[-1:] if prev_block is not None else ""
            continues = (
                prev_block is not None and prev_block.kind is BlockKind.PARAGRAPH
                and (tail in (",", ";", "–", "-") or tail.islower())
            )
            for k, (s, toks) in enumerate(zip(sentences, all_toks)):
                if not toks or toks[0].placeholder:
                    continue
                if toks[0].text[:1].islower() or (k == 0 and continues):
                    continue  # the rest of a sentence that a page break or the extraction cut
                if k > 0 and all_toks[k - 1][-1].text not in (".", "!", "?", ":", ";"):
                    continue  # the splitter cut a sentence in two ("… hänsyn till | SoL:s regler …")
                nxt = all_toks[k + 1] if k + 1 < len(all_toks) else None
                if nxt and (nxt[0].text[:1].islower() or nxt[0].text[:1].isdigit()):
                    continue  # the splitter cut a sentence in two ("enligt bl.a. lagen")
                neighbours_ok = any(v for j, v in enumerate(has_verb) if j != k)
                kind = fragment_kind(toks, b.text, neighbours_ok, has_verb[k])
                if kind is None or in_spans(block_quotes(ctx, b.index), s.start, s.end):
                    continue
                first = words_of(toks)[0]
                yield ctx.finding(
                    self,
                    b.index,
                    toks[0].start,
                    toks[-1].end,
                    _MESSAGES[kind].format(w=first.text),
                    sentence=s.text,
                )
