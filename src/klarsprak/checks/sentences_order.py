"""KS205 krånglig ordföljd.

Three patterns that make the reader wait for the point of the sentence:
1. many words before the finite verb of the main clause ("Med hänsyn till de uppgifter som du lämnade
   i din ansökan den 3 mars och vid besöket den 10 mars bedömer vi …");
2. a long stretch inserted between the subject and the verb ("Nämnden, som vid sitt sammanträde …,
   beslutade") or between an auxiliary and the main verb ("Vi har under perioden … försökt");
3. a long modifier before a noun ("en till chefen riktad skrivelse").

Most of it is read from the tags, which are more reliable than the parse: the main verb of an
inverted clause is a finite verb followed by its subject pronoun ("… bedömer vi"), a fronted
adverbial ends with a comma before the verb, an aside sits between commas after a short subject, and
the auxiliary–main verb gap and the pre-nominal modifier are plain tag patterns. Only sentences the
tags cannot settle (more than ``min_words`` words, a finite verb, none of those patterns: typically
a long subject first) ask for the costly dependency parse in ``wants_parse`` — about a quarter of
the sentences of a report. A verb from the parse must also stand where Swedish word order puts a
main verb and not inside a subordinate clause, as a guard against parse errors.
"""

from __future__ import annotations

from typing import Iterable

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.sentences_common import (
    block_quotes,
    counted_words,
    in_spans,
    is_finite,
    is_quote_block,
    sentence_infos,
    tense_of,
)
from klarsprak.findings import Category, Finding, Severity
from klarsprak.model import BlockKind
from klarsprak.nlp.types import Sentence, Token

_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE, BlockKind.ENDNOTE)
_SHORT_ADVERBS = {"inte", "ej", "icke", "också", "även", "redan", "därför", "alltså", "nu", "då", "dock", "bara",
                  "endast", "aldrig", "alltid", "ofta", "sedan", "heller", "tidigare", "just", "helt", "delvis"}
_INDEFINITE = {"en", "ett"}
# "de", "den", "det" tagged as pronouns are articles when a definite noun follows the participle
_ARTICLES = {"de", "den", "det"}
# Pronouns that can end the phrase inside the modifier ("en till dem riktad skrivelse"); "det" and
# "den" are left out, they are usually the article of the next noun ("trots det förbättrade resultatet").
_OBJECT_PRONOUNS = {"mig", "dig", "oss", "er", "honom", "henne", "dem", "sig", "hen", "henom"}
# Pronouns that are a clause's subject, never the determiner of a noun phrase.
_SUBJECT_PRONOUNS = {"jag", "du", "han", "hon", "vi", "ni", "hen", "man"}


def main_verb(toks: list[Token]) -> tuple[Token, Token] | None:
    """(finite verb of the main clause, root) from the parse, or None."""
    root = next((t for t in toks if t.dep == "root" or (t.head == t.i and t.dep)), None)
    if root is None:
        return None
    if is_finite(root):
        return root, root
    finite = [t for t in toks if t.head == root.i and t.dep in ("aux", "aux:pass", "cop") and is_finite(t)]
    return (finite[0], root) if finite else None


def _verb_second(toks: list[Token], fpos: int, subject: Token | None) -> bool:
    """The parse's main verb stands where Swedish word order puts it: after a comma, before its
    subject (inversion: "… bedömer vi") or right after its subject. A guard against parse errors."""
    prev = toks[fpos - 1] if fpos > 0 else None
    nxt = toks[fpos + 1] if fpos + 1 < len(toks) else None
    if prev is not None and prev.text == ",":
        return True
    if subject is not None and (subject is nxt or subject is prev):
        return True
    return nxt is not None and nxt.lower in _NOMINATIVE


def prenominal_modifiers(toks: list[Token]) -> list[tuple[int, int, int]]:
    """(det, participle, noun) positions of "en till chefen riktad skrivelse": a determiner, a
    prepositional phrase, a participle and the noun it modifies. Read from tags only."""
    out = []
    n = len(toks)
    for k in range(n - 4):
        det = toks[k]
        if det.upos not in ("DET", "PRON") or toks[k + 1].upos != "ADP" or toks[k + 1].xpos.startswith("PL"):
            continue
        article = None
        if det.upos == "PRON" and (det.lower in _SUBJECT_PRONOUNS or ("Case=Nom" in det.feats and "Poss=Yes" not in det.feats)):
            if det.lower not in _ARTICLES or (k and (toks[k - 1].upos == "SCONJ" or toks[k - 1].lower in _SUBORDINATE_WORDS)):
                continue  # a subject, not a determiner: "om du i tid skickade överklagandet" (a finite verb)
            article = det.lower  # "de av handläggaren bedömda hindren": the noun decides
        m, has_head = k + 2, False
        while m < n and m - k <= 8 and toks[m].upos in ("DET", "ADJ", "NUM", "NOUN", "PROPN", "PRON", "ADP"):
            if toks[m].upos == "ADP" and not has_head:
                break  # a second preposition only after the first phrase: "av dig i ansökan"
            # a noun by the part of speech or by the SUC tag ("handläggare" as ADJ with NN)
            if (toks[m].upos in ("NOUN", "PROPN") or toks[m].xpos[:2] == "NN" or toks[m].lower in _OBJECT_PRONOUNS) \
                    and not _is_participle(toks[m]):
                has_head = True
            if _is_participle(toks[m]) and has_head:
                break
            m += 1
        while m < n and toks[m].upos == "ADV":
            m += 1
        if not has_head or m + 1 >= n or not _is_participle(toks[m]):
            continue
        noun = toks[m + 1]
        if noun.upos == "NOUN" and (article is None or "Definite=Def" in noun.feats):
            out.append((k, m, m + 1))
    return out


_SUPINE_AUX = {"ha"}
_INFINITIVE_AUX = {"skola", "ska", "skall", "kunna", "komma", "måste", "böra", "vilja", "få", "behöva", "torde", "lär"}
_AUX_LEMMAS = _SUPINE_AUX | _INFINITIVE_AUX
_NOMINATIVE = {"jag", "du", "han", "hon", "vi", "ni", "de", "man", "den", "det", "hen"}


def aux_gaps(toks: list[Token]) -> list[tuple[int, int, int]]:
    """(auxiliary, main verb, words between) for "Vi har under perioden … försökt": a finite "ha"
    and its supine, or a modal and its infinitive, with the words between them counted. An aside
    between commas may hold its own verbs ("Vi ska, om du inte hör av dig, avsluta ärendet"); outside
    commas another finite verb or a subordinator ends the search (a new clause)."""
    out = []
    n = len(toks)
    for k, t in enumerate(toks):
        if t.lemma not in _AUX_LEMMAS and t.text.lower() not in _INFINITIVE_AUX:
            continue
        if not is_finite(t) or t.placeholder:
            continue
        if t.lemma in _SUPINE_AUX:
            wanted = "sup"
        elif t.lemma in _INFINITIVE_AUX or t.lower in _INFINITIVE_AUX:
            wanted = "inf"
        else:
            continue
        aside, gap, j = False, 0, k + 1
        if j < n and toks[j].lower in _NOMINATIVE:
            j += 1  # the subject after an inverted auxiliary: "Därför har vi …"
        while j < n:
            u = toks[j]
            if u.text in (".", ";", ":", "!", "?"):
                j = n
                break
            if u.text == ",":
                aside = not aside
            elif not aside and (is_finite(u) or u.upos == "SCONJ"):
                j = n
                break
            elif not aside and (u.upos in ("VERB", "AUX") or u.xpos.startswith("VB")) and tense_of(u) == wanted:
                break
            elif u.is_word and u.lower not in _SHORT_ADVERBS and u.lower != "att":
                gap += 1
            j += 1
        if j < n and not aside:
            out.append((k, j, gap))
    return out


def _is_participle(t: Token) -> bool:
    if t.xpos.startswith("PC") or (t.upos in ("ADJ", "VERB") and "VerbForm=Part" in t.feats):
        return True
    # a participle the tagger read as another verb form ("inkomna" as an infinitive, "beskrivna" or
    # "skickade" as a past tense); only asked between a preposition phrase and a noun
    return t.upos == "VERB" and t.lower.endswith(("ad", "ade", "at", "na", "da", "ta", "en"))


@register
class WordOrder(Rule):
    id = "KS205"
    name = "kranglig-ordfoljd"
    category = Category.ENKELT
    severity = Severity.WARNING
    title = "Krånglig ordföljd"
    explanation = (
        "Läsaren förstår en mening först när subjekt och verb har kommit. Börja därför med vem som gör "
        "vad, och lägg villkor och förklaringar efter. Skjut inte in långa bisatser mellan subjekt och "
        "verb eller mellan hjälpverb och huvudverb, och sätt inte långa bestämningar före ett "
        "substantiv (”en till chefen riktad skrivelse” → ”en skrivelse till chefen”)."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38) avsnitt 6.2; Språkrådet, Klarspråk"
    needs_parse = True
    options = {"min_words": 12, "before_verb": 12, "subject_gap": 8, "aux_gap": 6}
    examples = (
        Example(
            bad=(
                "Med hänsyn till de uppgifter som du lämnade i din ansökan den 3 mars och vid besöket hos oss "
                "den 10 mars bedömer vi att du har rätt till bistånd."
            ),
            good=(
                "Vi bedömer att du har rätt till bistånd. Vi har då tagit hänsyn till det du skrev i din "
                "ansökan den 3 mars och berättade vid besöket den 10 mars."
            ),
        ),
        Example(
            bad=(
                "Vi har under perioden januari till mars vid flera olika tillfällen och på olika sätt "
                "försökt nå dig."
            ),
            good="Vi har försökt nå dig flera gånger och på olika sätt mellan januari och mars.",
        ),
        Example(
            bad="Du har fått en till din handläggare riktad skrivelse.",
            good="Du har fått en skrivelse som är riktad till din handläggare.",
        ),
    )

    def wants_parse(self, ctx: Context, sentence: Sentence) -> bool:
        block = ctx.document.blocks[sentence.block]
        if block.kind not in _KINDS or is_quote_block(block):
            return False
        info = sentence_infos(ctx)[sentence.i]
        if not info.more_words_than(int(self.option(ctx, "min_words"))) or not info.finite:
            return False
        toks = info.tokens
        if not toks[0].text[:1].isupper() or toks[-1].text not in (".", "!", "?"):
            return False
        # the tags already settle inverted clauses, fronted adverbials and asides
        return _tag_structure(ctx, sentence.i, toks) == (None, None, None)

    def check(self, ctx: Context) -> Iterable[Finding]:
        limits = {k: int(self.option(ctx, k)) for k in ("min_words", "before_verb", "subject_gap", "aux_gap")}
        blocks = ctx.document.blocks
        for info in sentence_infos(ctx):
            s, toks = info.sentence, info.tokens
            block = blocks[s.block]
            if block.kind not in _KINDS or is_quote_block(block):
                continue
            quotes = block_quotes(ctx, s.block)
            found = []
            if info.more_words_than(limits["min_words"]) and toks[0].text[:1].isupper():
                inverted, fronted, aside = _tag_structure(ctx, s.i, toks)
                verb = inverted if inverted is not None else fronted
                if aside is not None:
                    subject, finite = aside
                    n_gap = counted_words(toks[subject + 1 : finite], block.text)
                    if n_gap > limits["subject_gap"]:
                        found.append((toks[subject].start, toks[finite].end,
                                      _aside_message(n_gap, toks[subject], toks[finite])))
                elif verb is not None:
                    before = counted_words(toks[:verb], block.text)
                    if before > limits["before_verb"]:
                        found.append((toks[0].start, toks[verb].end, _long_start_message(before, toks[verb])))
                elif s.parsed:
                    found = list(self._parsed(toks, block.text, limits))
            for start, end, message in found:
                if not in_spans(quotes, start, end):
                    yield ctx.finding(self, s.block, start, end, message, sentence=s.text)
            if not info.more_words_than(limits["aux_gap"] + 1):
                continue  # too short for a long gap or a long modifier
            for k, j, gap in aux_gaps(toks):
                if gap > limits["aux_gap"] and not in_spans(quotes, toks[k].start, toks[j].end):
                    aux, verb = toks[k], toks[j]
                    yield ctx.finding(
                        self, s.block, aux.start, verb.end,
                        f"{gap} ord mellan hjälpverbet ”{aux.text}” och huvudverbet ”{verb.text}”. Sätt verben "
                        f"närmare varandra (”{aux.text} {verb.text}”) och lägg resten efter.",
                        sentence=s.text,
                    )
            for d, p, nn in prenominal_modifiers(toks):
                if toks[d].placeholder or in_spans(quotes, toks[d].start, toks[nn].end):
                    continue
                span = block.text[toks[d].start : toks[nn].end]
                message = f"Lång bestämning före substantivet: ”{span}”. Sätt bestämningen efter substantivet"
                if toks[d].lower in _INDEFINITE:
                    modifier = block.text[toks[d + 1].start : toks[p - 1].end]
                    good = f"{toks[d].text} {toks[nn].text} som är {toks[p].text} {modifier}"
                    message += f", t.ex. ”{good}”."
                    yield ctx.finding(self, s.block, toks[d].start, toks[nn].end, message, suggestions=[good],
                                      sentence=s.text)
                else:
                    message += ", t.ex. med en bisats som börjar med ”som”."
                    yield ctx.finding(self, s.block, toks[d].start, toks[nn].end, message, sentence=s.text)

    @staticmethod
    def _inverted_verb(toks: list[Token]) -> int | None:
        """The finite verb of an inverted main clause ("… bedömer vi"), read from the tags: a finite
        verb followed by a subject pronoun. More reliable than the parse for criterion 1."""
        for k, t in enumerate(toks):
            if k and is_finite(t) and k + 1 < len(toks) and toks[k + 1].lower in _SUBJECT_PRONOUNS:
                if toks[k - 1].lower not in _SUBORDINATE_WORDS and not _in_subordinate_clause(toks, k):
                    return k
        return None

    def _parsed(self, toks: list[Token], text: str, limits: dict) -> Iterable[tuple[int, int, str]]:
        if toks[-1].text not in (".", "!", "?"):
            return  # a title or a table line, not a sentence
        if toks[0].text[:1].islower():
            return  # the rest of a sentence cut by a page break in the source
        found = main_verb(toks)
        if found is None:
            return
        finite, root = found
        pos = {t.i: k for k, t in enumerate(toks)}
        fpos = pos[finite.i]
        if _in_subordinate_clause(toks, fpos) or fpos == len(toks) - 2:
            return  # the parser took a verb in a subordinate clause for the main verb
        subject = next((t for t in toks if t.head == root.i and t.dep.startswith("nsubj")), None)
        if subject is not None and subject.upos not in ("NOUN", "PROPN", "PRON"):
            subject = None
        # 2a: an aside between commas between the subject and the verb
        if subject is not None and pos[subject.i] < fpos:
            gap = toks[pos[subject.i] + 1 : fpos]
            n_gap = counted_words(gap, text)
            if n_gap > limits["subject_gap"] and gap[0].text == "," and gap[-1].text == ",":
                yield (subject.start, finite.end, _aside_message(n_gap, subject, finite))
                return
        # 1: many words before the finite verb of the main clause
        before = counted_words(toks[:fpos], text)
        if before > limits["before_verb"] and _verb_second(toks, fpos, subject):
            yield (toks[0].start, finite.end, _long_start_message(before, finite))


def _tag_structure(ctx: Context, i: int, toks: list[Token]) -> tuple:
    """(inverted verb, verb after a fronted adverbial, (subject, verb) around an aside) of sentence
    ``i``, read from the tags once: ``wants_parse`` and ``check`` both ask."""
    cache = ctx.shared.setdefault("sentences.order", {})
    if i not in cache:
        cache[i] = (WordOrder._inverted_verb(toks), _fronted_verb(toks), _subject_aside(toks))
    return cache[i]


def _aside_message(n_gap: int, subject: Token, verb: Token) -> str:
    return (f"Lång inskjuten text ({n_gap} ord) mellan subjektet ”{subject.text}” och verbet ”{verb.text}”. "
            "Flytta den till en egen mening eller efter verbet.")


def _fronted_verb(toks: list[Token]) -> int | None:
    """The main verb after a fronted adverbial that ends with a comma ("Vid hembesöket den 18 april,
    då …, framkom att …"): the first finite verb right after a comma, in a sentence that starts with
    a preposition, a subordinator or an adverb. Read from the tags."""
    if toks[0].upos not in ("ADP", "SCONJ", "ADV"):
        return None
    for k in range(1, len(toks)):
        if is_finite(toks[k]) and toks[k - 1].text == ",":
            return None if _in_subordinate_clause(toks, k) else k
    return _verb_after_phrase(toks) if toks[0].upos == "ADP" else None


_MODALS = {"kunna", "skola", "böra", "måste", "få", "torde"}


def _verb_after_phrase(toks: list[Token]) -> int | None:
    """The main verb after a fronted prepositional phrase with no comma ("Av handlingarna i ärendet
    … framgår att …", "Mot bakgrund av att du saknar … och är … bedöms du …"): by Swedish verb-second
    order, the first finite verb outside a subordinate clause, followed by its subject, an att-clause
    or (after a modal) an infinitive. A subordinate clause keeps its first finite verb and the verbs
    coordinated with it; a participle the tagger read as a past tense ("uppgifter lämnade vid …") is
    skipped. Anything less clear is left to the parse."""
    open_clause = after_sub = False
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.text in (",", ";", ":", "(", ")"):
            return None
        if _opens_clause(toks, k):
            open_clause = True
            continue
        if not _verb_at(toks, k):
            continue
        if open_clause:
            open_clause, after_sub = False, True
            continue
        j = k - 1
        while j > 0 and toks[j].upos in ("ADV", "PART"):
            j -= 1
        if after_sub and toks[j].upos == "CCONJ":
            continue  # "… att du saknar bostad och är i behov av …": still the subordinate clause
        if _opens_main_clause(toks, k):
            return k
        if _is_participle(t) and toks[k + 1].upos == "ADP":
            continue
        return None
    return None


def _opens_main_clause(toks: list[Token], k: int) -> bool:
    if toks[k + 1].lower in _RELATIVE_WORDS:
        return False  # "uppgifter om dina boendekostnader som …": a noun the tagger read as a verb
    j = k + 1
    while j < len(toks) - 1 and toks[j].upos in ("ADV", "PART") and toks[j].lower not in _NOMINATIVE:
        j += 1  # "framgår dock att", "bedöms därför …"
    nxt = toks[j]
    if nxt.lower in _NOMINATIVE or nxt.lower == "att" or nxt.upos in ("DET", "NOUN", "PROPN", "PRON", "ADJ"):
        return True
    return toks[k].lemma in _MODALS and nxt.upos in ("VERB", "AUX") and "VerbForm=Inf" in nxt.feats


def _subject_aside(toks: list[Token]) -> tuple[int, int] | None:
    """(subject, verb) for "Uppföljningen, som …, behöver": a short noun phrase, an aside between
    commas and then the finite verb. Read from the tags."""
    first_comma = next((k for k, t in enumerate(toks) if t.text == ","), None)
    if first_comma is None or first_comma > 4:
        return None
    head = first_comma - 1
    if toks[head].upos not in ("NOUN", "PROPN", "PRON") or any(t.upos in ("VERB", "AUX", "ADP", "SCONJ")
                                                                for t in toks[:first_comma]):
        return None
    for k in range(first_comma + 1, len(toks) - 1):
        if toks[k].text == "," and is_finite(toks[k + 1]):
            return head, k + 1
    return None


def _long_start_message(before: int, verb: Token) -> str:
    return (f"Det kommer {before} ord före huvudsatsens verb ”{verb.text}”. Börja med vem som gör vad och lägg "
            "villkor och förklaringar efter.")


_RELATIVE_WORDS = {"som", "vilket", "vilka", "vilken", "vars", "där"}
_SUBJECT_PRONOUNS = {"jag", "du", "han", "hon", "vi", "ni", "de", "man", "hen"}
_SUBORDINATE_WORDS = {"som", "vilket", "vilka", "vilken", "vars", "där", "när", "då", "att", "om", "eftersom", "medan"}


def _opens_clause(toks: list[Token], j: int) -> bool:
    """A subordinator, a relative word (SUC HA/HP/HD/HS: "då", "som", "vars") or a that-"att"."""
    t = toks[j]
    if t.upos == "SCONJ" or t.lower in _RELATIVE_WORDS or t.xpos[:2] in ("HA", "HP", "HD", "HS"):
        return True
    return t.lower == "att" and j + 1 < len(toks) and toks[j + 1].upos not in ("VERB", "AUX")


def _verb_at(toks: list[Token], j: int) -> bool:
    """A finite verb, unless a possessive or an indefinite article stands before it: then it is a
    noun the tagger read as a verb ("dina boendekostnader", "en anmälan")."""
    if not is_finite(toks[j]):
        return False
    prev = toks[j - 1] if j else None
    return prev is None or not ("Poss=Yes" in prev.feats or (prev.upos == "DET" and prev.lower in _INDEFINITE))


def _in_subordinate_clause(toks: list[Token], fpos: int) -> bool:
    """True when the verb at ``fpos`` is more likely a subordinate clause's verb than the main
    clause's: a relative word or subordinator stands between the last comma and it ("…, vilket kan
    leda till"), an earlier subordinator still lacks its own verb ("Risk för att barn, vuxna och
    familjer inte får …"), or an earlier finite verb outside any subordinate clause is the main verb
    ("Respektive chef ansvarar för att medarbetare, som …, har …")."""
    for j in range(fpos - 1, -1, -1):
        if toks[j].text == "," or _verb_at(toks, j):
            break  # an earlier verb owns any subordinator before it
        if toks[j].upos == "SCONJ" or toks[j].lower in _SUBORDINATE_WORDS:
            return True
    open_clause = last_sub = False
    for j in range(fpos):
        t = toks[j]
        if _opens_clause(toks, j):
            open_clause = True
        elif _verb_at(toks, j):
            if not open_clause:
                return True  # a main-clause verb before this one
            open_clause, last_sub = False, True
    j = fpos - 1
    while j >= 0 and toks[j].upos in ("ADV", "PART"):
        j -= 1
    if j >= 0 and toks[j].upos == "CCONJ":
        return last_sub  # "… att brukare far illa och inte får …": coordinated with the clause before
    return open_clause
