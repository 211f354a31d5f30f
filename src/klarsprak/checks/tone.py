"""Tone and address: KS301 the reader in the third person, KS302 the authority in the third person,
KS303 "Du" with a capital letter mid-sentence.

A letter or a decision speaks to its reader as "du" and about the authority as "vi"
(Myndigheternas skrivregler). The word lists are data in ``rules/tilltal.yaml``; KS301's list is
read by the lexicon matcher (:mod:`klarsprak.checks.lexicon`) so organisations can extend it."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterator

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.lexicon import LexiconRule, Match, quoted, sentence_at
from klarsprak.checks.spans import in_placeholder
from klarsprak.findings import Category, Finding, Fix, Severity
from klarsprak.model import BlockKind
from klarsprak.resources import load_rules_yaml

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.nlp.types import Sentence, Token

LETTER_PROFILES = frozenset({"beslut", "brev"})
_SKRIVREGLER = "Myndigheternas skrivregler (Språkrådet, 2014)"

# Statute text speaks of "den enskilde" and "nämnden" in general, not of this reader or this office.
_PARAGRAPH = re.compile(r"§|\b\d+\s?[a-z]?\s?kap\.")
_LAW_NAME = re.compile(r"\b(?:SoL|LSS|LVU|LVM|FL|HSL|SFB)\b|\b\w*(?:lagen|balken)\b|\blag\s?\(\d{4}:\d+\)")
_NOT_SENTENCE_BLOCKS = (BlockKind.HEADER, BlockKind.FOOTER)
# A sentence that states the general rule speaks of "den enskilde" in general, not of this reader:
# "Bistånd lämnas enligt praxis bara när den enskilde …", "Socialstyrelsens allmänna råd anger att …"
_GENERAL_RULE = re.compile(
    r"\b(?:rätts)?praxis\b|\ballmänna råd\b|\bförarbeten\w*|\bföreskrift\w*|\briktlinje\w*|\bprop\.\s?\d",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_rules_yaml("tilltal.yaml")


def cites_law(text: str) -> bool:
    return bool(_PARAGRAPH.search(text) or _LAW_NAME.search(text))


def _sections(ctx: Context):
    """The document's structure (sections with roles, decision sentences), shared with KS4xx."""
    from klarsprak.structure.sections import structure_of

    return structure_of(ctx)


_LETTERHEAD_MAX_WORDS = 12


def _roles_by_block(ctx: Context) -> dict[int, str]:
    cached = ctx.shared.get("tone.roles")
    if cached is None:
        cached = {}
        structure = _sections(ctx)
        blocks = ctx.document.blocks
        for section in structure.sections:
            for b in range(section.first, section.last + 1):
                cached[b] = section.role
        for b in range(structure.letterhead_end):
            cached.setdefault(b, "letterhead")
        for b, role in list(cached.items()):
            # a letterhead is names, addresses and dates; a paragraph of running prose is the letter
            # itself even when the structure found no heading to end the letterhead at
            if role == "letterhead" and len(blocks[b].text.split()) > _LETTERHEAD_MAX_WORDS:
                del cached[b]
        ctx.shared["tone.roles"] = cached
    return cached


# --- KS301 ---------------------------------------------------------------------------------------------


@register
class ReaderInThirdPerson(LexiconRule, Rule):
    id = "KS301"
    name = "mottagaren-i-tredje-person"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Mottagaren omtalas i tredje person (sökanden, den enskilde, klienten)"
    explanation = (
        "Ett beslut eller brev skrivs till en person. Skriv ”du” till den personen i stället för "
        "”sökanden”, ”den enskilde”, ”klienten” eller ”vederbörande”: då förstår läsaren att texten "
        "handlar om hen, och texten blir personlig och tydlig. Förvaltningslagen (2017:900) 32 § kräver "
        "att beslutet motiveras för den enskilde; lagtext som citeras flaggas inte."
    )
    source = f"{_SKRIVREGLER}; förvaltningslagen 6 och 32 §§"
    profiles = LETTER_PROFILES
    examples = (
        Example(
            bad="Sökanden har inte lämnat in kontoutdrag för mars.",
            good="Du har inte lämnat in kontoutdrag för mars.",
            profile="beslut",
        ),
        Example(
            bad="Vi har bedömt att den enskilde kan få sitt behov tillgodosett på annat sätt.",
            good="Vi har bedömt att du kan få ditt behov tillgodosett på annat sätt.",
            profile="beslut",
        ),
        Example(
            bad="Klienten har beviljats hemtjänst. Hen får hjälp med städning varannan vecka.",
            good="Du har beviljats hemtjänst. Du får hjälp med städning varannan vecka.",
            profile="brev",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        roles = _roles_by_block(ctx)
        sentences = ctx.analysis.sentences
        flagged_sentences: dict[int, list[int]] = {}  # block -> sentence indices with a finding
        for m in self.lexicon_matches(ctx):
            if not self._about_reader(ctx, m, roles):
                continue
            flagged_sentences.setdefault(m.block, []).append(m.sentence)
            pronoun = self._pronoun(ctx, m)
            yield ctx.finding(
                self,
                m.block,
                m.start,
                m.end,
                f"Skriv ”{pronoun}” till mottagaren i stället för {quoted(m.text)}.",
                suggestions=[pronoun],
                sentence=ctx.analysis.sentences[m.sentence].text,
            )
        yield from self._hen(ctx, flagged_sentences, sentences)

    @staticmethod
    def _pronoun(ctx: Context, m: Match) -> str:
        """din for a genitive, dig after a preposition or a non-finite verb (an object), else du."""
        if m.text.lower().endswith("s"):
            return "din"
        sentence = ctx.analysis.sentences[m.sentence]
        if m.first > sentence.first:
            prev = ctx.analysis.tokens[m.first - 1]
            if prev.upos == "ADP" or (prev.upos == "VERB" and prev.feat("VerbForm") in ("Sup", "Inf", "Part")):
                return "dig"
        return "du"

    @staticmethod
    def _about_reader(ctx: Context, m: Match, roles: dict[int, str]) -> bool:
        block = ctx.document.blocks[m.block]
        if block.kind in _NOT_SENTENCE_BLOCKS or roles.get(m.block) in ("legal_basis", "letterhead", "signature"):
            return False
        sentence = ctx.analysis.sentences[m.sentence]
        return not cites_law(sentence.text) and not _GENERAL_RULE.search(sentence.text)

    def _hen(self, ctx: Context, flagged: dict[int, list[int]], sentences: list["Sentence"]) -> Iterator[Finding]:
        forms = {f.lower() for f in _data().get("hen_forms", [])}
        window = int(_data().get("hen_window", 2))
        for block, sents in flagged.items():
            first = min(sents)
            reach = max(sents) + window
            for s in sentences[first : reach + 1]:
                if s.block != block:
                    break
                for tok in ctx.analysis.sentence_tokens(s):
                    if tok.text.lower() in forms and not tok.placeholder and not ctx.is_accepted(tok.text):
                        pronoun = {"hens": "din", "henom": "dig"}.get(tok.lower, "du")
                        yield ctx.finding(
                            self,
                            tok.block,
                            tok.start,
                            tok.end,
                            f"Skriv ”{pronoun}” till mottagaren i stället för {quoted(tok.text)}.",
                            suggestions=[pronoun],
                            sentence=s.text,
                        )


# --- KS302 ---------------------------------------------------------------------------------------------

_SUBJECT_VERBS = frozenset(
    "ha kunna skola komma vilja böra måste behöva vara bedöma anse besluta finna konstatera mena göra kräva "
    "godta få se uppfatta bevilja avslå".split()
)
_SUBJECT_PRONOUNS = frozenset("du jag vi ni han hon hen de man".split())
_CLAUSE_OPENERS = frozenset("att som om när eftersom då därför innan sedan medan och men eller samt så fast trots".split())


@register
class AuthorityInThirdPerson(Rule):
    id = "KS302"
    name = "myndigheten-i-tredje-person"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "Myndigheten talar om sig själv i tredje person (nämnden har bedömt)"
    explanation = (
        "Skriv ”vi” när myndigheten talar om sig själv: ”Vi bedömer att …” i stället för ”Nämnden "
        "bedömer att …”. Det gör det tydligt vem som gör vad och skapar en direkt kontakt med läsaren. "
        "Själva beslutsmeningen ska ändå nämna den myndighet som beslutar (”Socialnämnden beviljar …”), "
        "och underskrift och delegationsuppgifter namnger beslutsfattaren; där flaggas inget."
    )
    source = f"{_SKRIVREGLER}; förvaltningslagen 6 §"
    profiles = LETTER_PROFILES
    examples = (
        Example(
            bad="Beslut\n\nSocialnämnden avslår din ansökan om bistånd.\n\nSkäl\n\nNämnden har bedömt att du kan arbeta.",
            good="Beslut\n\nSocialnämnden avslår din ansökan om bistånd.\n\nSkäl\n\nVi har bedömt att du kan arbeta.",
            profile="beslut",
        ),
        Example(
            bad="Därför anser förvaltningen att du inte har rätt till bistånd.",
            good="Därför anser vi att du inte har rätt till bistånd. Skicka överklagandet till socialnämnden.",
            profile="brev",
        ),
        Example(
            bad="Om socialtjänsten inte ändrar beslutet skickas överklagandet till förvaltningsrätten.",
            good="Om vi inte ändrar beslutet skickar vi överklagandet till förvaltningsrätten.",
            profile="beslut",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        data = _data()
        endings = tuple(sorted((e.lower() for e in data.get("authority_endings", [])), key=len, reverse=True))
        not_before = {w.lower() for w in data.get("not_subject_before", [])}
        decision_verbs = {w.lower() for w in data.get("decision_verbs", [])}
        roles = _roles_by_block(ctx)
        structure = _sections(ctx)
        decisions = [(d.block, d.start, d.verb_start) for d in structure.primary]
        if structure.decisions:
            verbs = {(t.block, t.start): t for t in ctx.analysis.tokens if t.upos in ("VERB", "AUX")}
            decisions += [(d.block, d.start, d.verb_start) for d in structure.decisions if self._decides_now(verbs, d)]

        people = tuple(w.lower() for w in data.get("authority_people", []))
        senders = self._sender_names(ctx, endings, roles, decisions)
        blocks = ctx.document.blocks
        for sentence in ctx.analysis.sentences:
            block = blocks[sentence.block]
            if block.kind in _NOT_SENTENCE_BLOCKS or block.kind == BlockKind.HEADING:
                continue
            low = sentence.text.lower()
            if not any(e in low for e in endings):
                continue
            if roles.get(sentence.block) in ("decision", "signature", "letterhead"):
                continue
            if any(b == sentence.block and sentence.start <= s < sentence.end for b, s, _v in decisions):
                continue
            tokens = ctx.tokens_of(sentence)
            for j, tok in enumerate(tokens):
                lower = tok.text.lower()
                if not lower.endswith(endings) or tok.placeholder or ctx.is_accepted(tok.text):
                    continue
                if lower not in endings and not lower.endswith(people) and senders and lower not in senders:
                    continue  # "kultur- och utbildningsnämnden" in a letter from socialnämnden: another body
                verb = self._subject_of(tokens, j, not_before)
                if verb is None and not lower.endswith(people):
                    verb = self._agent_of(tokens, j)  # a person's role as agent may be the writer's colleague
                if verb is None:
                    continue
                if j == 0 and verb.lemma in decision_verbs and verb.feat("Tense") == "Pres":
                    continue  # "Socialnämnden beviljar …": a decision sentence, which must name the authority
                if cites_law(sentence.text) and verb.lemma in ("skola", "kunna", "få", "ha"):
                    continue  # statute: "socialnämnden ska …"
                start = tokens[self._first_of_name(tokens, j)].start
                text = block.text[start : tok.end]
                yield ctx.finding(
                    self,
                    sentence.block,
                    start,
                    tok.end,
                    f"Skriv ”vi” i stället för {quoted(text)} när myndigheten talar om sig själv.",
                    suggestions=["vi"],
                    sentence=sentence.text,
                )

    @staticmethod
    def _sender_names(ctx: Context, endings: tuple[str, ...], roles: dict[int, str], decisions) -> set[str]:
        """Authority names in the letterhead, page header/footer, signature and decision sentence:
        the bodies that wrote the letter. Empty when the document does not say."""
        where = {b for b, role in roles.items() if role in ("letterhead", "signature", "decision")}
        where |= {b.index for b in ctx.document.blocks if b.kind in _NOT_SENTENCE_BLOCKS}
        where |= {b for b, _s, _v in decisions}
        return {
            t.text.lower()
            for t in ctx.analysis.tokens
            if t.block in where and t.text.lower().endswith(endings)
        }

    @staticmethod
    def _decides_now(verbs: dict, decision) -> bool:
        """A decision sentence in the present tense ("Nämnden avslår …"), not a report of one."""
        tok = verbs.get((decision.block, decision.verb_start))
        return tok is None or tok.feat("Tense") == "Pres" or tok.feat("VerbForm") != "Sup"

    @staticmethod
    def _subject_of(tokens: list["Token"], j: int, not_before: set[str]) -> "Token | None":
        """The finite verb whose subject ``tokens[j]`` is, or None when it is not a subject."""
        first = AuthorityInThirdPerson._first_of_name(tokens, j)
        prev = tokens[first - 1] if first > 0 else None
        if prev is not None and prev.lower in not_before:
            return None
        # "Nämnden (inte) har …": straight order, at the start of a clause
        if prev is None or prev.upos in ("PUNCT", "SCONJ", "CCONJ") or prev.lower in _CLAUSE_OPENERS:
            k = j + 1
            while k < len(tokens) and tokens[k].upos in ("ADV", "PART") and not tokens[k].is_finite_verb:
                k += 1
            if k < len(tokens) and tokens[k].is_finite_verb and tokens[k].feat("Mood") != "Imp":
                return tokens[k]
            return None
        # "Därför har nämnden …": inverted order after a fronted element that is not the subject
        if prev.is_finite_verb and prev.feat("Mood") != "Imp" and prev.lemma in _SUBJECT_VERBS:
            before = tokens[first - 2] if first >= 2 else None
            if before is None or before.lower in _SUBJECT_PRONOUNS or before.upos in ("NOUN", "PROPN"):
                return None  # "Du har …", "Beslutet har …": the subject is already in place
            return prev
        return None

    @staticmethod
    def _agent_of(tokens: list["Token"], j: int) -> "Token | None":
        """The passive verb whose agent ``tokens[j]`` is: "Boendet bekostas av socialförvaltningen"
        is the authority doing something, in the third person ("Vi betalar boendet")."""
        first = AuthorityInThirdPerson._first_of_name(tokens, j)
        if first < 2 or tokens[first - 1].lower != "av":
            return None
        k = first - 2
        while k > 0 and first - k <= 3 and tokens[k].upos in ("ADV", "PART") and not tokens[k].passive:
            k -= 1  # "bekostas helt av …"
        return tokens[k] if tokens[k].passive else None

    @staticmethod
    def _first_of_name(tokens: list["Token"], j: int) -> int:
        """Where a coordinated name starts: "Arbetsmarknads- och socialnämnden"."""
        if j >= 2 and tokens[j - 1].lower == "och" and tokens[j - 2].text.endswith("-"):
            first = j - 2
            if tokens[first].text == "-" and first > 0:
                first -= 1
            return first
        return j


# --- KS303 ---------------------------------------------------------------------------------------------

# A capitalised pronoun after a lower-case word or a comma on the same line is mid-sentence. Read
# from the text, not from the sentence splitter, which takes "Du" for the start of a new sentence.
def _pronoun_pattern(forms: frozenset[str]) -> re.Pattern[str]:
    return re.compile(r"(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b")


_BEFORE_PRONOUN = re.compile(r"[a-zåäöéü0-9][,)]? {1,3}$")


def _mid_sentence(text: str, start: int) -> bool:
    return bool(_BEFORE_PRONOUN.search(text, max(0, start - 6), start))


@register
class CapitalisedYou(Rule):
    id = "KS303"
    name = "du-med-stor-bokstav"
    category = Category.BEGRIPLIGT
    severity = Severity.WARNING
    title = "”Du” med stor bokstav mitt i en mening"
    explanation = (
        "Skriv ”du”, ”dig” och ”din” med liten bokstav mitt i en mening. Stor bokstav är ingen "
        "artighetsform på svenska och ser ålderdomlig eller påträngande ut."
    )
    source = f"{_SKRIVREGLER}; Språkrådet"
    examples = (
        Example(bad="Vi har fått Din ansökan om bistånd.", good="Vi har fått din ansökan om bistånd."),
        Example(bad="Kontakta oss om Du har frågor.", good="Du kan kontakta oss om du har frågor."),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        pattern = _pronoun_pattern(frozenset(_data().get("address_pronouns", [])))
        for block in ctx.document.blocks:
            title_case = None  # asked once per block, only when there is a match
            for m in pattern.finditer(block.text):
                start, end = m.span()
                if not _mid_sentence(block.text, start) or in_placeholder(ctx.shared, block, start, end):
                    continue
                if title_case is None:
                    title_case = self._title_case(block.text)
                if title_case:
                    continue
                lower = m.group().lower()
                yield ctx.finding(
                    self,
                    block.index,
                    start,
                    end,
                    f"Skriv {quoted(lower)} med liten bokstav mitt i meningen.",
                    suggestions=[lower],
                    fix=Fix(lower, safe=True),
                    sentence=sentence_at(ctx, block.index, start) or block.text,
                )

    @staticmethod
    def _title_case(text: str) -> bool:
        """A heading in title case ("Om Du Vill Överklaga") capitalises every word on purpose."""
        words = [w for w in text.split() if w[:1].isalpha()]
        return len(words) >= 3 and all(w[:1].isupper() for w in words)
