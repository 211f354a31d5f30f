"""Templates: KS601 personal data in a template, KS602 an unfilled placeholder in a finished document.

Both read the block text directly (numbers and addresses are not words for the tagger). The lists
of role mailboxes, switchboard words and unfilled-field patterns are data in
``rules/personuppgifter.yaml``."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.spans import Intervals
from klarsprak.findings import Category, Finding, Severity
from klarsprak.resources import load_rules_yaml

_GDPR = "dataskyddsförordningen (GDPR) art. 5 och 32"


@lru_cache(maxsize=1)
def _data() -> dict:
    return load_rules_yaml("personuppgifter.yaml")


# --- personnummer ----------------------------------------------------------------------------------------

# YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYYYMMDD-NNNN, and YYYYMMDDNNNN; a ten-digit run
# without a separator is too often something else (an account or phone number) to call it one.
_PERSONNUMMER = re.compile(r"((?:19|20)?\d{6})\s?([-+])\s?(\d{4})(?![\w-])|((?:19|20)\d{10})(?![\w-])")


def _glued_to_word(text: str, start: int, joiners: str) -> bool:
    """The match continues a longer word or number ("ASN-2019-…", "x0701…"): not one on its own.
    (Checked here rather than with a look-behind, so the expression keeps a fast literal start.)"""
    return start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_" or text[start - 1] in joiners)


def luhn_valid(digits: str) -> bool:
    """The Luhn check over a ten-digit personnummer (YYMMDDNNNN)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _plausible_date(yymmdd: str) -> bool:
    month, day = int(yymmdd[2:4]), int(yymmdd[4:6])
    if day > 60:  # samordningsnummer: day + 60
        day -= 60
    return 1 <= month <= 12 and 1 <= day <= 31


def find_personnummer(text: str) -> list[tuple[int, int]]:
    """Spans of checksum-valid personnummer and samordningsnummer in ``text``."""
    out = []
    for m in _PERSONNUMMER.finditer(text):
        if _glued_to_word(text, m.start(), "+-"):
            continue
        if m.group(4):
            date, serial = m.group(4)[:8], m.group(4)[8:]
        else:
            date, serial = m.group(1), m.group(3)
        short = date[-6:]
        if _plausible_date(short) and luhn_valid(short + serial):
            out.append(m.span())
    return out


# --- phone numbers ---------------------------------------------------------------------------------------

# Swedish numbers: 0 + area code (1-3 digits) + subscriber number, or +46 without the 0; digits in
# groups separated by spaces or hyphens: "08-123 456 78", "070-123 45 67", "+46 70 123 45 67".
_PHONE = re.compile(r"(?:\+46[\s-]?(?:\(0\))?\s?|0)[1-9](?:[\s-]?\d){5,9}(?![\w/:-])")


def _phone_digits(number: str) -> int:
    return sum(ch.isdigit() for ch in number)


def find_phone_numbers(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _PHONE.finditer(text):
        if _glued_to_word(text, m.start(), "+/.:-"):
            continue
        raw = m.group().rstrip(" -")
        digits = _phone_digits(raw)
        national = digits - 2 if raw.startswith("+46") else digits - 1
        if 7 <= national <= 9 and not _looks_like_date_or_case(raw):
            out.append((m.start(), m.start() + len(raw)))
    return out


def _looks_like_date_or_case(raw: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{2}", raw.strip()))


# --- e-mail addresses ------------------------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])([\w.+-]+)@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)


def is_role_mailbox(local: str) -> bool:
    """A function's mailbox ("socialtjanst@", "info@", "asn@"), not a person's."""
    data = _data()
    lowered = local.lower()
    parts = re.split(r"[._+-]", lowered)
    roles = [str(r).lower() for r in data.get("role_mailboxes", [])]
    if any(p in roles for p in parts) or any(r in lowered for r in roles if len(r) >= 5):
        return True
    return len(parts) == 1 and len(lowered) <= int(data.get("short_role_max", 4))


def find_personal_emails(text: str) -> list[tuple[int, int]]:
    if "@" not in text:
        return []
    return [m.span() for m in _EMAIL.finditer(text) if not is_role_mailbox(m.group(1))]


# --- the rules -------------------------------------------------------------------------------------------


_DIGIT_OR_AT = re.compile(r"[0-9@]")
_ROLE_WINDOW = 50  # characters before a phone number searched for a switchboard word
_CLAUSE_END = re.compile(r"[.;!?\n]\s")


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    message: str


@register
class PersonalDataInTemplate(Rule):
    id = "KS601"
    name = "personuppgifter-i-mall"
    category = Category.VARDAT
    severity = Severity.ERROR
    title = "Personuppgifter i en mall (personnummer, telefonnummer, e-postadress till en person)"
    explanation = (
        "En mall delas av många och används för många ärenden. Ett personnummer, ett mobilnummer eller "
        "en e-postadress till en enskild person hör inte hemma där: uppgiften följer med till fel "
        "mottagare och sprids utan att någon märker det. Ersätt uppgiften med en platshållare, till "
        "exempel [Personnummer] eller «Handläggarens e-post». Myndighetens växelnummer och "
        "funktionsadresser som socialtjanst@… är inte personuppgifter och flaggas inte."
    )
    source = f"{_GDPR}; offentlighets- och sekretesslagen (2009:400) 26 kap."
    profiles = frozenset({"mall"})
    examples = (
        Example(
            bad="Sökande: Anna Andersson, 19121212-1212",
            good="Sökande: [Namn], [Personnummer]",
            profile="mall",
        ),
        Example(
            bad="Kontakta handläggaren på anna.andersson@exempel.se eller 070-123 45 67.",
            good="Kontakta oss på socialtjanst@exempel.se eller kommunens växel 08-123 456 00.",
            profile="mall",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        phone_roles = tuple(str(w).lower() for w in _data().get("role_phone_words", []))
        for block in ctx.document.blocks:
            text = block.text
            if not _DIGIT_OR_AT.search(text):
                continue
            for hit in self._hits(text, phone_roles):
                if ctx.is_accepted(text[hit.start : hit.end]):
                    continue
                yield ctx.finding(self, block.index, hit.start, hit.end, hit.message, sentence=block.text)

    @staticmethod
    def _hits(text: str, phone_roles: tuple[str, ...]) -> list[_Hit]:
        hits: list[_Hit] = []
        taken: list[tuple[int, int]] = []
        for s, e in find_personnummer(text):
            hits.append(_Hit(s, e, f"Personnumret ”{text[s:e]}” hör inte hemma i en mall. Ersätt det med en platshållare."))
            taken.append((s, e))
        for s, e in find_personal_emails(text):
            hits.append(_Hit(s, e, f"E-postadressen ”{text[s:e]}” går till en person. Använd en funktionsadress eller en platshållare."))
            taken.append((s, e))
        previous_end = 0
        numbers = find_phone_numbers(text)
        if numbers:
            claimed = Intervals(taken)
            clause_ends = [m.end() for m in _CLAUSE_END.finditer(text)]  # once per block, not per number
        for s, e in numbers:
            if claimed.overlaps(s, e):
                continue
            # The words just before the number name whose it is: "kommunens växel 08-…".
            n = bisect_right(clause_ends, s)  # the clause ends at or before the number
            start = max(previous_end, s - _ROLE_WINDOW, clause_ends[n - 1] if n else 0)
            previous_end = e
            if any(word in text[start:s].lower() for word in phone_roles):
                continue
            hits.append(_Hit(s, e, f"Telefonnumret ”{text[s:e]}” kan gå till en person. Använd växelnumret eller en platshållare."))
        return sorted(hits, key=lambda h: h.start)


@register
class UnfilledPlaceholder(Rule):
    id = "KS602"
    name = "ofylld-platshallare"
    category = Category.VARDAT
    severity = Severity.ERROR
    title = "Ofylld platshållare i ett färdigt dokument"
    explanation = (
        "Ett beslut eller brev som skickas till en person får inte innehålla fält som aldrig fylldes "
        "i, som «Namn», [Datum] eller ÅÅÅÅ-MM-DD. Läsaren förstår inte vad som gäller, och beslutet kan "
        "bli ofullständigt. Fyll i fältet eller ta bort det."
    )
    source = "förvaltningslagen (2017:900) 32–33 §§; Myndigheternas skrivregler (Språkrådet, 2014)"
    profiles = frozenset({"beslut", "brev"})
    on_placeholders = True
    examples = (
        Example(
            bad="Hej «Förnamn»!\n\nVi har fått din ansökan om bistånd.",
            good="Hej Anna!\n\nVi har fått din ansökan om bistånd.",
            profile="brev",
        ),
        Example(
            bad="Beslutet gäller från och med ÅÅÅÅ-MM-DD.",
            good="Beslutet gäller från och med den 1 mars 2025.",
            profile="beslut",
        ),
    )

    def check(self, ctx: Context) -> Iterator[Finding]:
        extra = _unfilled_pattern()
        hints = tuple(str(h) for h in _data().get("unfilled_hints", []))
        for block in ctx.document.blocks:
            spans = list(block.placeholders)
            if extra is not None and any(h in block.text for h in hints):
                spans.extend(m.span() for m in extra.finditer(block.text) if not block.in_placeholder(*m.span()))
            for start, end in sorted(set(spans)):
                field_text = block.text[start:end]
                yield ctx.finding(
                    self,
                    block.index,
                    start,
                    end,
                    f"Platshållaren ”{field_text}” är inte ifylld. Fyll i den eller ta bort den innan dokumentet skickas.",
                    sentence=block.text,
                )


@lru_cache(maxsize=1)
def _unfilled_pattern() -> re.Pattern[str] | None:
    """The unfilled-field patterns as one expression: one scan of each block."""
    patterns = _data().get("unfilled_patterns", [])
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None
