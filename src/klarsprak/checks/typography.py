"""KS503 typografi: double spaces, space before punctuation, legal references, amounts, dates.

Everything here works on ``Block.text`` with precompiled patterns; fixes are offered as safe only
where the replacement is certain (Myndigheternas skrivregler, Svenska skrivregler). Spaces that a
reader made up (a synthetic segment, e.g. a joined PDF line) are never flagged.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from klarsprak.checks.base import Context, Example, Rule, register
from klarsprak.checks.spans import touches_synthetic
from klarsprak.findings import Category, Fix, Severity
from klarsprak.model import Block, BlockKind

MONTHS = ("januari februari mars april maj juni juli augusti september oktober november december").split()
_MONTH = "|".join(MONTHS)

DOUBLE_SPACE = re.compile(r"(?<=\S)( {2,3})(?=\S)")
SPACE_BEFORE = re.compile(r"(?<=[\w)\]”\"’%])( +)([,.;:!?)])(?![\d.])")
KAP_NO_DOT = re.compile(r"(?<![\w.])(\d+ ?[a-z]?) ?(kap)(?![\w.])", re.IGNORECASE)
NUMBER_PARAGRAPH = re.compile(r"(?<![\w§])(\d+ ?[a-z]?)(§§?)")
AMOUNT = re.compile(r"(?<![\w.,:/-])(\d{4,}|\d{1,3}(?:\.\d{3})+)(?=(?: ?kr\b| ?kronor\b| ?SEK\b|:-))")
KR_DOT = re.compile(r"(?<=\d )(kr\.)(?= ?[a-zåäö\d,(])")
DATE_ISO = re.compile(r"(?<![\w/.-])(20\d\d|19\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w/-])")
DATE_SLASH = re.compile(r"(?<![\w/.-])([1-9]|[12]\d|3[01])/([1-9]|1[0-2])(?:(?: |-)((?:19|20)\d\d))?(?![\w/])")
DATE_DOTTED = re.compile(r"(?<![\w/.-])(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)(?![\w/]|\.\d)")
DATE_WRITTEN = re.compile(r"(?<![\w.])([1-9]|[12]\d|3[01])(?:e|a)? (" + _MONTH + r")(?: ((?:19|20)\d\d))?(?!\w)", re.IGNORECASE)

_HAS_DIGIT = re.compile(r"\d")
_SPACE_THEN_MARK = re.compile(r" [,.;:!?)]")  # SPACE_BEFORE cannot match without it

JUDGED_KINDS = (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.HEADING, BlockKind.TABLE_CELL, BlockKind.FOOTNOTE,
                BlockKind.ENDNOTE)


@dataclass
class DateUse:
    block: int
    start: int
    end: int
    fmt: str
    day: int
    month: int
    year: int | None
    running: bool  # in a sentence of running text (not a label line, header or table cell)




def _group(n: int) -> str:
    """1200 -> '1 200' (Svenska skrivregler: groups of three digits, separated by a space)."""
    digits = str(n)
    parts = []
    while digits:
        parts.append(digits[-3:])
        digits = digits[:-3]
    return " ".join(reversed(parts))


@register
class Typography(Rule):
    id = "KS503"
    name = "typografi"
    category = Category.VARDAT
    severity = Severity.WARNING
    title = "Typografi: mellanslag, paragrafhänvisningar, belopp och datum"
    explanation = (
        "Små typografiska fel gör en text slarvig och svårare att läsa: dubbla mellanslag, mellanslag "
        "före skiljetecken, ”4 kap 1§” i stället för ”4 kap. 1 §”, belopp utan mellanrum mellan "
        "tusental (”1200 kr” i stället för ”1 200 kr”), ”kr.” med punkt och datum som skrivs på olika "
        "sätt i samma dokument. Skriv kronor som ”kr” utan punkt och välj ett datumformat, till "
        "exempel 2026-03-01 eller 1 mars 2026."
    )
    source = "Myndigheternas skrivregler (Ds 2009:38); Språkrådet, Svenska skrivregler"
    examples = (
        Example(bad="Du får 1200 kr per månad.", good="Du får 1 200 kr per månad."),
        Example(
            bad="Vi har prövat din ansökan enligt 4 kap 1§ socialtjänstlagen.",
            good="Vi har prövat din ansökan enligt 4 kap. 1 § socialtjänstlagen.",
        ),
        Example(bad="Vi har tagit emot din ansökan , och vi  återkommer.", good="Vi har tagit emot din ansökan, och vi återkommer."),
        Example(
            bad="Vi fick din ansökan den 2026-03-01. Vi beslutade den 15/3 2026 att bevilja den.",
            good="Vi fick din ansökan den 1 mars 2026. Vi beslutade den 15 mars 2026 att bevilja den.",
        ),
    )

    def check(self, ctx: Context):
        dates: list[DateUse] = []
        for block in ctx.document.blocks:
            if block.kind not in JUDGED_KINDS:
                continue
            yield from self._spaces(ctx, block)
            if not _HAS_DIGIT.search(block.text):
                continue  # references, amounts and dates all have digits
            yield from self._legal_references(ctx, block)
            yield from self._amounts(ctx, block)
            dates.extend(_dates(block))
        yield from self._mixed_dates(ctx, dates)

    # --- spaces ---------------------------------------------------------------------------
    def _spaces(self, ctx: Context, block: Block):
        text = block.text
        # each pattern is tried only where its literal part occurs (a substring test is far cheaper)
        if "  " in text and block.kind in (BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.FOOTNOTE,
                                           BlockKind.ENDNOTE) and len(text.split()) >= 4:
            for m in DOUBLE_SPACE.finditer(text):
                if touches_synthetic(ctx.shared, block, m.start(1), m.end(1)):
                    continue
                yield ctx.finding(
                    self, block.index, m.start(1), m.end(1),
                    "Dubbelt mellanslag. Använd ett mellanslag mellan orden.",
                    suggestions=[" "], fix=Fix(" ", safe=True),
                )
        if not _SPACE_THEN_MARK.search(text):
            return
        for m in SPACE_BEFORE.finditer(text):
            start, end = m.start(1), m.end(1)
            mark = m.group(2)
            if touches_synthetic(ctx.shared, block, start, end) or (mark == "." and text[m.end(2) : m.end(2) + 2] == ".."):
                continue
            if mark == ":" and text[m.end(2) : m.end(2) + 1] == "-":
                continue  # "500 :-" is an amount, handled with amounts
            yield ctx.finding(
                self, block.index, start, m.end(2),
                f"Mellanslag före ”{mark}”. Skriv skiljetecknet direkt efter ordet.",
                suggestions=[mark], fix=Fix(mark, safe=True),
            )

    # --- "4 kap 1§" ------------------------------------------------------------------------
    def _legal_references(self, ctx: Context, block: Block):
        text = block.text
        # lower(): IGNORECASE's "kap" (also with the Kelvin sign) is "kap" in the lower-cased text
        for m in KAP_NO_DOT.finditer(text) if "kap" in text.lower() else ():
            number, word = m.group(1), m.group(2)
            tail = text[m.end() : m.end() + 12]
            if not re.match(r"\s*(\d|§|[a-zåäö]|$|[,;)])", tail):
                continue
            replacement = f"{number.strip()} {word}."
            yield ctx.finding(
                self, block.index, m.start(), m.end(),
                f"Skriv ”{replacement}” med punkt efter ”kap”.",
                suggestions=[replacement], fix=Fix(replacement, safe=True),
            )
        for m in NUMBER_PARAGRAPH.finditer(text) if "§" in text else ():
            number, sign = m.group(1), m.group(2)
            if number.endswith(" "):
                continue
            replacement = f"{number} {sign}"
            yield ctx.finding(
                self, block.index, m.start(), m.end(),
                f"Skriv mellanslag före paragraftecknet: ”{replacement}”.",
                suggestions=[replacement], fix=Fix(replacement, safe=True),
            )

    # --- amounts ---------------------------------------------------------------------------
    def _amounts(self, ctx: Context, block: Block):
        text = block.text
        if "kr" not in text and "SEK" not in text and ":-" not in text:
            return  # AMOUNT needs one of them after the number, and "kr." contains "kr"
        for m in AMOUNT.finditer(text):
            raw = m.group(1)
            if raw.startswith("0"):
                continue
            value = int(raw.replace(".", ""))
            if "." not in raw and value < 1000:
                continue
            grouped = _group(value)
            yield ctx.finding(
                self, block.index, m.start(1), m.end(1),
                f"Skriv beloppet med mellanrum mellan tusentalen: ”{grouped}”.",
                suggestions=[grouped], fix=Fix(grouped, safe=True),
            )
        for m in KR_DOT.finditer(text) if "kr." in text else ():
            yield ctx.finding(
                self, block.index, m.start(1), m.end(1),
                "Skriv ”kr” utan punkt.",
                suggestions=["kr"], fix=Fix("kr", safe=True),
            )

    # --- dates -----------------------------------------------------------------------------
    def _mixed_dates(self, ctx: Context, dates: list[DateUse]):
        formats = {d.fmt for d in dates}
        if len(formats) < 2:
            return
        running = [d for d in dates if d.running]
        counts = Counter(d.fmt for d in running) or Counter(d.fmt for d in dates)
        pool = running or dates
        best = max(counts.values())
        leaders = {f for f in counts if counts[f] == best}
        preferred = leaders & {"iso", "written"} or leaders  # a tie goes to a recommended format
        dominant = next(d.fmt for d in pool if d.fmt in preferred)
        flagged: set[tuple[int, int]] = set()
        for d in dates:
            odd = d.fmt != dominant and (d.running or d.fmt in ("slash", "dotted"))
            if not odd or (d.block, d.start) in flagged:
                continue
            flagged.add((d.block, d.start))
            replacement = _render(d, dominant)
            text = ctx.document.blocks[d.block].text[d.start : d.end]
            model = next(x for x in pool if x.fmt == dominant)
            example = ctx.document.blocks[model.block].text[model.start : model.end]
            message = (
                f"Datumet ”{text}” är skrivet på ett annat sätt än de flesta datum i dokumentet, till exempel "
                f"”{example}”. Skriv alla datum på samma sätt."
            )
            yield ctx.finding(
                self, d.block, d.start, d.end, message,
                suggestions=[replacement] if replacement else [],
                fix=Fix(replacement, safe=True) if replacement else None,
            )


def _dates(block: Block) -> list[DateUse]:
    text = block.text
    running = block.kind.is_running_text or block.kind == BlockKind.LIST_ITEM
    running = running and len(text.split()) >= 4
    out: list[DateUse] = []
    taken_starts: list[int] = []  # the dates kept so far, disjoint and sorted by start
    taken_ends: list[int] = []

    def add(m, fmt, day, month, year):
        start, end = m.start(), m.end()
        n = bisect_left(taken_starts, end)  # kept dates that start before this one ends
        if n and taken_ends[n - 1] > start:  # disjoint and sorted: the last of them reaches furthest
            return
        taken_starts.insert(n, start)
        taken_ends.insert(n, end)
        out.append(DateUse(block.index, start, end, fmt, day, month, year, running))

    for m in DATE_ISO.finditer(text) if "-" in text else ():
        add(m, "iso", int(m.group(3)), int(m.group(2)), int(m.group(1)))
    for m in DATE_DOTTED.finditer(text) if "." in text else ():
        add(m, "dotted", int(m.group(1)), int(m.group(2)), int(m.group(3)))
    for m in DATE_WRITTEN.finditer(text):
        add(m, "written", int(m.group(1)), MONTHS.index(m.group(2).lower()) + 1, int(m.group(3)) if m.group(3) else None)
    for m in DATE_SLASH.finditer(text) if "/" in text else ():
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if not m.group(3) and not re.search(r"\b(den|från|till|fr\.o\.m\.|t\.o\.m\.|senast|före|efter|datum)\s*$", before):
            continue  # "1/3" alone may be a fraction
        add(m, "slash", int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    return out


def _render(d: DateUse, fmt: str) -> str | None:
    """``d`` written in ``fmt``; None when the result would not be certain (no year)."""
    if fmt == "iso":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year else None
    if fmt == "written":
        return f"{d.day} {MONTHS[d.month - 1]}" + (f" {d.year}" if d.year else "")
    return None
