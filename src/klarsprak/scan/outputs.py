"""The scan's text summary and JSON, written piece by piece to a stream.

The JSON is deterministic: keys sorted, documents by path, rankings with a path or key as the last
tie-break, no times, no cache figures (they differ between a cold and a warm run). The head is
indented; each document is one line (``jq`` and friends do not mind, and it is fast to write)."""

from __future__ import annotations

import json
from typing import IO

from klarsprak.scan.aggregate import CATEGORIES, CATEGORY_LABELS
from klarsprak.scan.record import LISTING_SEPARATOR
from klarsprak.scan.result import ScanResult

JSON_KIND = "klarsprak-scan"
JSON_VERSION = 1


def _dumps(value, indent: int | None = 2) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=indent)


def write_json(result: ScanResult, out: IO[str], top: int) -> None:
    from klarsprak import __version__

    head = {
        "kind": JSON_KIND,
        "version": JSON_VERSION,
        "tool": {"name": "klarsprak", "version": __version__},
        "summary": result.totals(),
        "templates": result.templates(),
        "wordings": result.wordings(top),
        "errors": list(result.errors()),
    }
    text = _dumps(head)
    out.write(text[: text.rstrip().rfind("}")].rstrip() + ',\n  "documents": [')
    first = True
    for row, listing in result.listings():
        out.write(("\n    " if first else ",\n    ") + _document_line(row, listing))
        first = False
    out.write("\n  ]\n}\n" if not first else "]\n}\n")


# Stand-ins for the parts of a document line that come ready-made from the record: a string value
# no row can hold (paths and messages have no NUL), swapped for the JSON text after encoding.
_LISTED = ("findings_list", "outline", "warnings")
_MARKS = {name: f"\0{name}\0" for name in _LISTED}
_QUOTED_MARKS = {name: json.dumps(mark) for name, mark in _MARKS.items()}


def _document_line(row: dict, listing: str) -> str:
    """One document on one line: the row and the record's listing (``record.listing_of``), which
    is already JSON text, so a re-scan of thousands neither parses nor encodes the findings."""
    item = dict(row)
    item.update(_MARKS)
    line = _dumps(item, indent=None)
    pieces, at = [], 0
    for name, text in zip(_LISTED, listing.split(LISTING_SEPARATOR)):
        mark = line.index(_QUOTED_MARKS[name], at)  # keys are sorted: the marks come in this order
        pieces += (line[at:mark], text)
        at = mark + len(_QUOTED_MARKS[name])
    pieces.append(line[at:])
    return "".join(pieces)


# --- text ------------------------------------------------------------------------------------------


def _n(value: float, decimals: int = 0) -> str:
    if decimals:
        return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")
    return f"{int(value):,}".replace(",", " ")


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render_text(result: ScanResult, top: int) -> str:
    t = result.totals()
    lines = [
        f"klarsprak scan: {_n(t['documents'])} dokument ({_n(t['read'])} lästa, {_n(t['unreadable'])} kunde inte läsas), "
        f"{_n(t['words'])} ord, {_n(t['findings'])} fynd",
        "Fynd per 1 000 ord: "
        + " · ".join(f"{CATEGORY_LABELS[c]} {_n(t['per_1000_words'][c], 1)}" for c in CATEGORIES),
    ]
    templates = result.templates()
    if templates:
        lines += ["", f"Mallar, sämst först ({_n(len(templates))}; {_n(t['letters_grouped'])} brev hör till en mall):"]
        for i, row in enumerate(templates[:top], 1):
            lines.append(
                f"  {i:>2}. {row['path']}  poäng {_n(row['score'] or 0, 1)}, {row['findings']} fynd, "
                f"{len(row['letters'])} brev{_lacking(row)}"
            )
    wordings = result.wordings(top)
    if wordings:
        lines += ["", "Standardformuleringar, störst påverkan först (dokument × fynd):"]
        for w in wordings:
            lines.append(
                f"  {w['rank']:>2}. {w['documents']} dokument × {len(w['findings'])} fynd = {w['impact']} ({w['kind']}): ”{_short(w['text'])}”"
            )
            if w["direction"]:
                lines.append(f"      Förslag: {w['direction']}")
    worst = result.worst_documents(top)
    if worst:
        lines += ["", "Dokument med högst problempoäng:"]
        for i, row in enumerate(worst, 1):
            lix = row["metrics"].get("lix", 0.0)
            lines.append(
                f"  {i:>2}. {row['path']}  poäng {_n(row['score'], 1)}, LIX {_n(lix, 1)}, {row['findings']} fynd{_lacking(row)}"
            )
    errors = list(result.errors())
    if errors:
        lines += ["", f"Filer som inte kunde läsas ({_n(len(errors))}):"]
        lines += [f"  {e['path']}: {e['message']}" for e in errors]
    return "\n".join(lines) + "\n"


def _lacking(row: dict) -> str:
    lacking = row["structure"]["lacking"]
    if not lacking:
        return ""
    from klarsprak.structure.vocab import headings

    return "; saknar eller ofullständigt: " + ", ".join(headings().label(r).lower() for r in lacking)
