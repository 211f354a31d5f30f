"""Section detection: which part of a document is the decision, the reasons, the legal basis, the
appeal information, the contact details and the signature.

Headings come from the reader (``BlockKind.HEADING``: docx heading styles, PDF font sizes, the
text reader's heuristics), from bold one-line paragraphs (docx, PDF) and from short lines that
match the heading vocabulary in ``rules/rubriker.yaml``. Each heading opens a section that runs to
the next heading; its role comes from the vocabulary or, for a heading the vocabulary does not
know, from what the section says. Text before the first heading, and letters without headings,
are divided by content: the decision sentence by its verb, the appeal text by "överklaga", the
legal basis by paragraph references, contact details by phone numbers and e-mail addresses.

:func:`sections_of` caches the result in ``ctx.shared["sections"]`` (and the whole
:class:`Structure` in ``ctx.shared["structure"]``) so every structure rule reads the same outline."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from klarsprak.model import Block, BlockKind, Document
from klarsprak.structure import decision as decision_mod
from klarsprak.structure.decision import Decision
from klarsprak.structure.laws import mentions, paragraph_refs
from klarsprak.structure.text import Sent, ends_like_sentence, furniture, is_short_line, sentences_by_block, word_count
from klarsprak.structure.vocab import decisions, headings

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.checks.base import Context

# Roles a section can have (see rules/rubriker.yaml) plus the ones found only by position.
BODY_ROLES = ("decision", "background", "reasons", "legal_basis", "appeal", "calculation", "conditions")
LETTERHEAD_MAX_WORDS = 30
SUBTITLE_MIN_WORDS = 4  # "Bakgrund", "Skäl för beslutet" are section headings; longer lines are subjects
_APPEAL_WORD = re.compile(r"\böverklag", re.IGNORECASE)
_APPEAL_CONTEXT = re.compile(r"förvaltningsrätt|\bveckor\b|kammarrätt", re.IGNORECASE)
_SIGN_OFF = re.compile(r"^\s*(?:med\s+)?vänlig(?:a)?\s+hälsning(?:ar)?\b|^\s*hälsningar\b|^\s*mvh\b", re.IGNORECASE)
_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2} (?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december) \d{4}\b",
    re.IGNORECASE,
)
# a word, a full stop and a capitalised word: a sentence ends inside the line ("kap. 1 §", "enl. SoL" do not)
_INNER_SENTENCE_END = re.compile(r"\b[a-zåäöéü]{4,}[.!?]\s+[A-ZÅÄÖÉ][a-zåäöéü]")
_NAME_WORD = re.compile(r"^[A-ZÅÄÖÉ][a-zåäöéüë]+(?:-[A-ZÅÄÖÉ][a-zåäöéüë]+)?$")


@dataclass(slots=True)
class Heading:
    block: int
    text: str
    level: int
    how: str  # style | bold | line | vocabulary
    role: str | None  # the role the vocabulary gives the heading (None: unknown)
    vague: bool


@dataclass(slots=True)
class Section:
    role: str
    heading: str | None
    heading_block: int | None
    first: int  # first block of the section (its heading, if it has one)
    last: int  # last block, inclusive
    source: str  # heading | content | position
    level: int | None = None
    heading_role: str | None = None  # what the heading's words say, before looking at the content
    decisions: list[Decision] = field(default_factory=list)

    @property
    def body(self) -> range:
        start = self.first + 1 if self.heading_block is not None else self.first
        return range(start, self.last + 1)

    @property
    def label(self) -> str:
        return headings().label(self.role)

    def as_dict(self) -> dict:
        d = {
            "role": self.role,
            "label": self.label,
            "heading": self.heading,
            "source": self.source,
            "blocks": [self.first, self.last],
        }
        if self.decisions:
            d["sentences"] = [x.text for x in self.decisions]
        return d


@dataclass
class Structure:
    document: Document
    sentences: dict[int, list[Sent]]
    headings: list[Heading]
    sections: list[Section]
    decisions: list[Decision]  # every decision sentence in the document
    primary: list[Decision]  # the decision(s) the document states (in the decision section)
    letterhead_end: int  # blocks before this index are letterhead (date, case number, address)
    block_roles: dict[int, str]  # content role of each block that has one
    words: int = 0  # words in the document (Document.word_count, counted once)

    def section_of(self, block: int) -> Section | None:
        for s in self.sections:
            if s.first <= block <= s.last:
                return s
        return None

    def sections_with(self, *roles: str) -> list[Section]:
        return [s for s in self.sections if s.role in roles]

    def text_of(self, blocks) -> str:
        return "\n".join(self.document.blocks[i].text for i in blocks)

    @property
    def is_decision(self) -> bool:
        return bool(self.primary)

    @property
    def adverse(self) -> bool:
        return any(d.adverse for d in self.primary)


# --- entry points -----------------------------------------------------------------------------------


def sections_of(ctx: "Context") -> list[Section]:
    return structure_of(ctx).sections


def structure_of(ctx: "Context") -> Structure:
    return build_shared(ctx.document, ctx.analysis, ctx.shared)


def build_shared(document: Document, analysis, shared: dict) -> Structure:
    """The structure, built once per document: profile detection and every rule share it."""
    cached = shared.get("structure")
    if cached is None:
        cached = build(document, analysis, words=word_count(document, shared))
        shared["structure"] = cached
        shared["sections"] = cached.sections
    return cached


def build(document: Document, analysis, words: int | None = None) -> Structure:
    sentences = sentences_by_block(document, analysis)
    blocks = [b for b in document.blocks]
    heads = find_headings(blocks)
    letterhead_end = _letterhead_end(blocks, heads)
    block_roles = {b.index: r for b in blocks if (r := content_role(b, sentences.get(b.index, []))) is not None}
    sections = _sections(blocks, heads, letterhead_end, block_roles)
    all_decisions: list[Decision] = []
    first_text = next(
        (b.index for b in blocks[letterhead_end:] if b.kind != BlockKind.HEADING and b.index not in {h.block for h in heads}),
        None,
    )
    for b in blocks:
        if furniture(b) or b.kind == BlockKind.HEADING:
            continue
        sec = _section_at(sections, b.index)
        allow = (sec is not None and sec.role == "decision") or b.index == first_text
        for s in sentences.get(b.index, []):
            d = decision_mod.find(s, in_decision_section=allow)
            if d is not None:
                all_decisions.append(d)
    primary = _primary(sections, all_decisions, blocks, sentences, letterhead_end)
    return Structure(
        document=document,
        sentences=sentences,
        headings=heads,
        sections=sections,
        decisions=all_decisions,
        primary=primary,
        letterhead_end=letterhead_end,
        block_roles=block_roles,
        words=document.word_count() if words is None else words,
    )


# --- headings ---------------------------------------------------------------------------------------


# "Label: value" on one line (a value after the colon).
_LABEL_WITH_VALUE = re.compile(r"^[^:]{1,40}:\s*\S")


def find_headings(blocks: list[Block]) -> list[Heading]:
    vocab = headings()
    out: list[Heading] = []
    for pos, b in enumerate(blocks):
        if furniture(b) or not b.text.strip():
            continue
        if b.kind != BlockKind.HEADING and not (
            b.kind == BlockKind.PARAGRAPH and is_short_line(b) and not _INNER_SENTENCE_END.search(b.text)
        ):
            continue  # a short line of two sentences ("Du kan överklaga … Gör så här:") is running text
        text = b.text.strip()
        if _LABEL_WITH_VALUE.match(text) and decisions().has_concrete_contact(text):
            continue  # "Handläggare: Lars Berg, telefon 0590-155 80" is a contact line, whatever its style
        role = vocab.role_of(text) if len(text) <= 120 else None
        vague = vocab.is_vague(text) if len(text) <= 120 else False
        if b.kind == BlockKind.HEADING:
            out.append(Heading(b.index, text, b.level or 1, "style", role, vague))
        elif b.kind == BlockKind.PARAGRAPH and is_short_line(b):
            if b.bold and (role is not None or vague or not _in_bold_run(blocks, pos)):
                out.append(Heading(b.index, text, 2, "bold", role, vague))
            elif role is not None or vague:
                out.append(Heading(b.index, text.rstrip(":"), 2, "vocabulary", role, vague))
    return out


def _in_bold_run(blocks: list[Block], pos: int) -> bool:
    """A bold line next to another bold line: a letterhead or an address, not a heading."""
    for j in (pos - 1, pos + 1):
        if 0 <= j < len(blocks):
            n = blocks[j]
            if n.kind == BlockKind.PARAGRAPH and n.bold and is_short_line(n):
                return True
    return False


def _letterhead_end(blocks: list[Block], heads: list[Heading]) -> int:
    """The index of the first block after the letterhead (address, date, case number, title lines)."""
    head_at = {h.block: h for h in heads}
    body = [b for b in blocks if not furniture(b)]
    for pos, b in enumerate(body):
        h = head_at.get(b.index)
        if h is not None:
            nxt = body[pos + 1] if pos + 1 < len(body) else None
            # a title opens the body when running text follows it; a run of headings over address
            # lines (a PDF letterhead set in large type) is still letterhead
            opens = nxt is not None and nxt.index not in head_at and (
                ends_like_sentence(nxt.text) or len(nxt.text.split()) > LETTERHEAD_MAX_WORDS
            )
            if h.role is not None or h.vague or opens:
                return b.index
            continue  # a caps line of the letterhead ("NORRVIKS KOMMUN")
        if b.kind == BlockKind.TABLE_CELL and len(b.text.split()) <= LETTERHEAD_MAX_WORDS:
            continue
        if not ends_like_sentence(b.text) and len(b.text.split()) <= LETTERHEAD_MAX_WORDS:
            if _greeting(b.text):
                return b.index
            continue
        return b.index
    return len(blocks)


def _greeting(text: str) -> bool:
    first = text.strip().lower().rstrip("!,.")
    return first in headings().greetings


# --- content roles ----------------------------------------------------------------------------------


def content_role(block: Block, sents: list[Sent]) -> str | None:
    """What one block is about, judged by its words alone (None: nothing specific)."""
    if furniture(block):
        return None
    text = block.text
    v = decisions()
    n_words = len(text.split())
    if "verklag" in text and _APPEAL_WORD.search(text) and _APPEAL_CONTEXT.search(text):
        return "appeal"
    if _SIGN_OFF.search(text):
        return "signature"
    if n_words <= 70 and v.has_contact_words(text) and _looks_like_contact(text) and _mostly_contact(text, sents, n_words):
        return "contact"
    causal = None  # one search, asked at most once
    refs = paragraph_refs(text)
    if refs and n_words <= 60 and (mentions(text) or _BY_LAW.match(text)):
        causal = v.causal_rx.search(text) is not None
        if not causal:
            return "legal_basis"
    if causal if causal is not None else v.causal_rx.search(text):
        return "reasons"
    return None


_BY_LAW = re.compile(r"\s*(?:enligt|med stöd av)\b", re.IGNORECASE)


_CONTACT_WORD = re.compile(r"\bfrågor|\bkontakta|\bring|\btelefon|\btel\.|\be-post|\bmejl|\bmail|@|\bnå (?:mig|oss)|\bhör av dig")
CONTACT_SHORT_WORDS = 25


def _looks_like_contact(text: str) -> bool:
    # word starts only: "förändring" and "bedömning" are not an offer to ring
    return bool(_CONTACT_WORD.search(text.lower()))


def _mostly_contact(text: str, sents: list[Sent], n_words: int) -> bool:
    """Contact details, not a paragraph about something else that mentions ringing in passing
    ("… Hen behöver bara ringa oss …" in a letter about home care is not the contact section)."""
    v = decisions()
    if n_words <= CONTACT_SHORT_WORDS or v.has_concrete_contact(text) or len(sents) <= 1:
        return True
    return 2 * sum(1 for s in sents if v.has_contact_words(s.text)) >= len(sents)


# --- sections ---------------------------------------------------------------------------------------


def _sections(blocks: list[Block], heads: list[Heading], letterhead_end: int, roles: dict[int, str]) -> list[Section]:
    n = len(blocks)
    if n == 0:
        return []
    out: list[Section] = []
    body_blocks = [b.index for b in blocks if not furniture(b)]
    if not body_blocks:
        return []
    first_body = body_blocks[0]
    if letterhead_end > first_body:
        out.append(Section("letterhead", None, None, first_body, letterhead_end - 1, "position"))
    heads_after = [h for h in heads if h.block >= letterhead_end]
    # title and letterhead headings inside the letterhead stay in it; text between the letterhead
    # and the first heading is divided by content
    start = letterhead_end
    stop = heads_after[0].block if heads_after else _last_body(blocks) + 1
    out.extend(_content_sections(blocks, range(start, stop), roles))
    for i, h in enumerate(heads_after):
        end = (heads_after[i + 1].block - 1) if i + 1 < len(heads_after) else _last_body(blocks)
        end = max(end, h.block)
        body = range(h.block + 1, end + 1)
        role = h.role
        source = "heading"
        if role is None:
            role = _majority(body, roles) or "other"
            source = "content" if role != "other" else "heading"
        at_top = not out or all(s.role in ("letterhead", "title") for s in out)
        is_title = at_top and not list(body) and i + 1 < len(heads_after) and heads_after[i + 1].level >= h.level
        first_title = not out or all(s.role == "letterhead" for s in out)
        # an empty heading at the top is the title; under a title ("BESLUT"), a subject line that
        # merely names a section word ("Ansökan om insats enligt lagen om …") is a subtitle too
        if is_title and ((first_title and h.role in (None, "decision")) or len(h.text.split()) >= SUBTITLE_MIN_WORDS):
            role, source = "title", "heading"
        # a sign-off at the end of the last section ("Med vänlig hälsning", a name) is the signature
        sign = _trailing_signature(blocks, body, roles) if i + 1 == len(heads_after) else None
        if sign is not None and sign > h.block + 1:
            out.append(Section(role, h.text, h.block, h.block, sign - 1, source, level=h.level, heading_role=h.role))
            out.append(Section("signature", None, None, sign, end, "content"))
        else:
            out.append(Section(role, h.text, h.block, h.block, end, source, level=h.level, heading_role=h.role))
    if not heads_after:
        sign = _trailing_signature(blocks, range(letterhead_end, _last_body(blocks) + 1), roles)
        if sign is not None:
            out = [s for s in out if s.first < sign]
            for s in out:
                s.last = min(s.last, sign - 1)
            out.append(Section("signature", None, None, sign, _last_body(blocks), "content"))
    return out


def _trailing_signature(blocks: list[Block], body: range, roles: dict[int, str]) -> int | None:
    """The first block of a sign-off at the end of ``body``, or None."""
    for i in body:
        if roles.get(i) == "signature":
            rest = [blocks[j] for j in range(i + 1, body.stop) if not furniture(blocks[j])]
            if all(len(b.text.split()) <= 12 for b in rest):
                return i
    return None


def _last_body(blocks: list[Block]) -> int:
    for b in reversed(blocks):
        if not furniture(b):
            return b.index
    return len(blocks) - 1


def _majority(body: range, roles: dict[int, str]) -> str | None:
    counts: dict[str, int] = {}
    for i in body:
        r = roles.get(i)
        if r is not None:
            counts[r] = counts.get(r, 0) + 1
    if not counts:
        return None
    # a section that opens with the appeal text is the appeal section, whatever its list items say
    if len(body) and roles.get(body.start) == "appeal":
        return "appeal"
    # the appeal text and contact details decide a section even when other blocks are plain
    for strong in ("appeal", "contact", "legal_basis"):
        if counts.get(strong, 0) * 2 >= len(body) and counts.get(strong):
            return strong
    best = max(counts, key=counts.get)
    return best if counts[best] * 2 >= len(body) else None


def _content_sections(blocks: list[Block], span: range, roles: dict[int, str]) -> list[Section]:
    """Sections for text without headings: consecutive blocks of the same content role."""
    out: list[Section] = []
    current: Section | None = None
    for i in span:
        b = blocks[i]
        if furniture(b):
            continue
        role = roles.get(i)
        if role is None and current is not None:
            current.last = i  # a plain paragraph continues what came before it
            continue
        role = role or "other"
        if current is not None and current.role == role:
            current.last = i
            continue
        current = Section(role, None, None, i, i, "content")
        out.append(current)
    return out


def _section_at(sections: list[Section], block: int) -> Section | None:
    found = None
    for s in sections:
        if s.first <= block <= s.last:
            found = s
    return found


# --- the decision -----------------------------------------------------------------------------------


def _primary(sections: list[Section], found: list[Decision], blocks: list[Block], sentences, letterhead_end: int) -> list[Decision]:
    """The decisions the document states: those in its decision section(s), else the first decision
    sentence in the body and those in the blocks right after it (a list of decisions)."""
    by_section: list[Decision] = []
    for sec in sections:
        if sec.role == "decision" and sec.source in ("heading", "content"):
            ds = [d for d in found if sec.first <= d.block <= sec.last]
            sec.decisions = ds
            if sec.heading_block is not None or ds:
                by_section.extend(ds)
    if by_section:
        return by_section
    elsewhere_roles = ("reasons", "legal_basis", "appeal", "background", "calculation", "conditions", "contact", "signature")
    candidates = [d for d in found if (_section_at(sections, d.block) is None or _section_at(sections, d.block).role not in elsewhere_roles or _section_at(sections, d.block).source != "heading")]
    if not candidates:
        return []
    first = candidates[0]
    out = [d for d in candidates if d.block == first.block]
    nxt = first.block + 1
    while nxt < len(blocks):
        more = [d for d in candidates if d.block == nxt]
        if not more:
            break
        out.extend(more)
        nxt += 1
    sec = _section_at(sections, first.block)
    if sec is not None and sec.role in ("other", "reasons", "decision") and sec.source == "content":
        sec.role = "decision"
        sec.decisions = out
    elif sec is not None:
        sec.decisions = out
    return out
