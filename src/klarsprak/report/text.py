"""Terminal output for people: per document, per språklagen category, each finding with its context.

Options: ``color`` (set by ``write_outputs``: only on a terminal, never with NO_COLOR), ``quiet``
(findings and errors only) and ``verbose`` (all metrics, the detected outline, abbreviations)."""

from __future__ import annotations

import unicodedata
from collections import Counter

from klarsprak.findings import Category, DocumentResult, Finding, Report

SEVERITY_LABEL = {"error": "fel", "warning": "varning", "info": "info"}
CONTEXT_WIDTH = 100  # characters of context shown around a finding

_RESET = "\x1b[0m"
_STYLE = {
    "error": "\x1b[1;31m",
    "warning": "\x1b[1;33m",
    "info": "\x1b[36m",
    "dim": "\x1b[2m",
    "bold": "\x1b[1m",
    "span": "\x1b[1;4;31m",
    "heading": "\x1b[1;34m",
}

_KIND_LABEL = {"header": "sidhuvud", "footer": "sidfot", "footnote": "fotnot", "endnote": "slutnot"}


class _Painter:
    def __init__(self, color: bool):
        self.color = color

    def __call__(self, style: str, text: str) -> str:
        return f"{_STYLE[style]}{text}{_RESET}" if self.color and text else text


def render(report: Report, options: dict) -> str:
    paint = _Painter(bool(options.get("color")))
    quiet, verbose = bool(options.get("quiet")), bool(options.get("verbose"))
    lines: list[str] = []
    for result in report.documents:
        if quiet and not result.findings and not result.errors:
            continue
        lines.extend(_document(result, paint, quiet, verbose))
        if not quiet:
            lines.append("")
    if not quiet and len(report.documents) > 1:
        lines.append(_total(report))
    if options.get("baseline"):
        lines.extend(_baseline(options["baseline"], quiet))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + ("\n" if lines else "")


def _document(result: DocumentResult, paint: _Painter, quiet: bool, verbose: bool) -> list[str]:
    head = paint("bold", result.path)
    facts = [x for x in (result.format, f"profil {result.profile}" if result.profile else None,
                         f"teckenkodning {result.encoding}" if result.encoding and result.format in ("txt", "md") else None) if x]
    lines = [f"{head}" + (paint("dim", f"  ({', '.join(facts)})") if facts and not quiet else "")]
    for error in result.errors:
        lines.append(f"  {paint('error', 'fel')}: {error}")
    if not quiet:
        for warning in result.warnings:
            lines.append(f"  {paint('warning', 'obs')}: {warning}")
    document = result.document
    for category in Category:
        group = [f for f in result.findings if f.category == category]
        if not group:
            continue
        lines.append(f"  {paint('heading', category.label)}")
        for finding in sorted(group, key=Finding.sort_key):
            lines.extend(_finding(finding, document, paint))
    if not quiet and not result.errors:
        lines.append("  " + _summary(result))
        if verbose:
            lines.extend(_verbose(result))
        elif result.outline:  # the outline belongs in every report; in short form unless verbose
            labels = [str(s.get("label") or s.get("role")) for s in result.outline if isinstance(s, dict)]
            lines.append("  Disposition: " + " → ".join(labels))
    return lines


def _finding(finding: Finding, document, paint: _Painter) -> list[str]:
    sev = finding.severity.value
    where = location_label(finding, document)
    message = " ".join(finding.message.split())  # one line per finding, whatever the message holds
    lines = [f"    {where}  {paint(sev, SEVERITY_LABEL[sev])}  {message}  {paint('dim', finding.rule)}"]
    context = context_line(finding, document)
    if context is not None:
        text, start, end = context
        if paint.color:
            lines.append("      │ " + text[:start] + paint("span", text[start:end]) + text[end:])
        else:
            lines.append("      │ " + text)
            lines.append("      │ " + " " * display_width(text[:start]) + "^" * max(1, display_width(text[start:end])))
    if finding.suggestions:
        lines.append(f"      → Förslag: {', '.join(show_suggestion(s) for s in finding.suggestions)}")
    return lines


def show_suggestion(text: str) -> str:
    """A suggestion as a reader sees it: whitespace-only or padded suggestions are spelled out."""
    if text == " ":
        return "ett mellanslag"
    if not text:
        return "ta bort"
    if text != text.strip() or not text.strip():
        return f"”{text}”"
    return " ".join(text.split())


def display_width(text: str) -> int:
    """Terminal cells: wide (East Asian, emoji) characters take two, combining marks none."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def location_label(finding: Finding, document=None) -> str:
    """Where a finding is, in words a reader of that format understands."""
    loc = finding.location
    if loc.block < 0:
        return "hela dokumentet"
    block = _block(document, loc.block)
    if block is not None and block.kind.value in _KIND_LABEL:
        label = _KIND_LABEL[block.kind.value]
        return f"{label}" + (f", sida {loc.page}" if loc.page else "")
    if loc.page is not None:
        return f"sida {loc.page}, rad {loc.line}" if loc.line else f"sida {loc.page}"
    if loc.line is not None:
        return f"rad {loc.line}:{loc.column}" if loc.column else f"rad {loc.line}"
    if block is not None and block.place.table is not None:
        p = block.place
        return f"tabell {p.table}, rad {(p.row or 0) + 1}, cell {(p.cell or 0) + 1}"
    if loc.paragraph is not None:
        return f"stycke {loc.paragraph + 1}"
    return f"block {loc.block + 1}"


def _block(document, index: int):
    blocks = getattr(document, "blocks", None)
    if blocks is None or not 0 <= index < len(blocks):
        return None
    return blocks[index]


def context_line(finding: Finding, document=None, width: int = CONTEXT_WIDTH) -> tuple[str, int, int] | None:
    """One line around the finding, cut at word boundaries: ``(text, span_start, span_end)``."""
    loc = finding.location
    block = _block(document, loc.block)
    if block is None:
        if finding.sentence and finding.text and finding.text in finding.sentence:
            source, start = finding.sentence, finding.sentence.index(finding.text)
            end = start + len(finding.text)
        else:
            return None
    else:
        source, start, end = block.text, loc.start, loc.end
    start, end = max(0, min(start, len(source))), max(0, min(end, len(source)))
    if end <= start:
        return None
    flat = source.replace("\n", " ").replace("\t", " ").replace("\v", " ")
    room = max(0, width - (end - start)) // 2
    lo, hi = max(0, start - room), min(len(flat), end + room)
    if lo > 0:
        space = flat.find(" ", lo, start)
        lo = space + 1 if space != -1 else lo
    if hi < len(flat):
        space = flat.rfind(" ", end, hi)
        hi = space if space != -1 else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(flat) else ""
    text = prefix + flat[lo:hi] + suffix
    return text, start - lo + len(prefix), end - lo + len(prefix)


def _number(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def _counts(findings: list[Finding]) -> str:
    c = Counter(f.severity.value for f in findings)
    n = len(findings)
    if not n:
        return "inga fynd"
    parts = [f"{c[s]} {_plural(s, c[s])}" for s in ("error", "warning", "info") if c[s]]
    return f"{n} fynd ({', '.join(parts)})"


def _plural(severity: str, n: int) -> str:
    return {"error": "fel", "warning": "varning" if n == 1 else "varningar", "info": "info"}[severity]


def _summary(result: DocumentResult) -> str:
    m = result.metrics
    parts = [_counts(result.findings)]
    if m.get("words"):
        parts.append(f"{m['words']} ord")
        n = m.get("sentences", 0)
        parts.append(f"{n} {'mening' if n == 1 else 'meningar'}")
        if "mean_sentence_length" in m:
            parts.append(f"{_number(float(m['mean_sentence_length']))} ord/mening")
        if "lix" in m:
            band = f" ({m['lix_band']})" if m.get("lix_band") else ""
            parts.append(f"LIX {_number(float(m['lix']))}{band}")
    return "Sammanfattning: " + " · ".join(parts)


_METRIC_LABEL = {
    "ovix": "OVIX (ordvariation)",
    "nominal_ratio": "nominalkvot",
    "passive_share": "andel meningar med passiv",
    "long_word_share": "andel långa ord",
}


def _verbose(result: DocumentResult) -> list[str]:
    lines = []
    extra = [(k, v) for k, v in result.metrics.items() if k in _METRIC_LABEL]
    if extra:
        lines.append("  Mätvärden: " + " · ".join(f"{_METRIC_LABEL[k]} {_metric(k, v)}" for k, v in extra))
    if result.outline:
        lines.append("  Disposition:")
        for section in result.outline:
            lines.append("    - " + _section(section))
    if result.abbreviations:
        lines.append("  Förkortningar:")
        for abbr in result.abbreviations:
            lines.append("    - " + _abbreviation(abbr))
    if result.backend:
        lines.append("  Språkmodell: " + ", ".join(f"{k} {v}" for k, v in result.backend.items() if v))
    return lines


def _metric(key: str, value) -> str:
    if key.endswith("_share") and isinstance(value, (int, float)):
        return f"{round(value * 100)} %"
    return _number(value)


def _section(item) -> str:
    """``Beslut: ”Beslut” (block 5–6)``; unknown shapes fall back to key: value pairs."""
    if not isinstance(item, dict) or not (item.get("label") or item.get("role")):
        return _describe(item)
    text = str(item.get("label") or item.get("role"))
    if item.get("heading"):
        text += f": ”{item['heading']}”"
    blocks = item.get("blocks")
    if isinstance(blocks, (list, tuple)) and len(blocks) == 2:
        a, b = blocks[0] + 1, blocks[1] + 1
        text += f" (block {a})" if a == b else f" (block {a}–{b})"
    return text


def _abbreviation(item) -> str:
    if not isinstance(item, dict) or "abbreviation" not in item:
        return _describe(item)
    text = str(item["abbreviation"])
    if item.get("expansion"):
        text += f" = {item['expansion']}"
    if item.get("uses"):
        text += f" ({item['uses']} gång{'er' if item['uses'] != 1 else ''})"
    if item.get("defined_at") is None and item.get("expansion"):
        text += ", förklaras inte i texten"
    return text


def _describe(item) -> str:
    if not isinstance(item, dict):
        return str(item)
    return ", ".join(f"{k}: {v}" for k, v in item.items() if v not in (None, "", [], {}))


def _baseline(info: dict, quiet: bool) -> list[str]:
    fixed = info.get("fixed", [])
    lines = []
    if not quiet:
        lines.append(f"Baslinje {info.get('path')}: {info.get('suppressed', 0)} kända fynd visas inte.")
    if fixed:
        lines.append(f"{len(fixed)} {'post' if len(fixed) == 1 else 'poster'} i baslinjen finns inte längre "
                     "(uppdatera baslinjen med 'klarsprak baseline'):")
        for entry in fixed:
            text = f" \"{entry['text']}\"" if entry.get("text") else ""
            lines.append(f"  {entry['path']}: {entry.get('rule', '')}{text}")
    return lines


def _total(report: Report) -> str:
    failed = sum(1 for d in report.documents if d.errors)
    text = f"Totalt: {len(report.documents)} dokument, {_counts(report.findings)}"
    if failed:
        text += f", {failed} {'fil' if failed == 1 else 'filer'} kunde inte läsas"
    return text
