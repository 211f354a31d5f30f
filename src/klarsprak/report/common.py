"""Helpers the machine formats share: positions in the unit each format expects, rule metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass

from klarsprak.findings import DocumentResult, Finding

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # the same line breaks the text reader counts


@dataclass(frozen=True, slots=True)
class Span:
    """A finding's position in a text file: 1-based lines, 1-based columns, ``end_column`` exclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


def is_text_format(result: DocumentResult) -> bool:
    """Only .txt/.md have lines and columns that mean something in the file itself."""
    return result.format in ("txt", "md")


def source_lines(result: DocumentResult) -> list[str] | None:
    source = getattr(result.document, "source_text", None)
    return _LINE_BREAK.split(source) if source is not None else None


def text_span(finding: Finding, result: DocumentResult, unit: str = "codepoint", lines: list[str] | None = None) -> Span | None:
    """The span of ``finding`` in ``unit`` (``codepoint`` or ``utf16``) for a text file, else None."""
    loc = finding.location
    if not is_text_format(result) or loc.block < 0 or loc.line is None:
        return None
    column = loc.column or 1
    end_line = loc.end_line or loc.line
    end_column = loc.end_column or column + max(1, loc.end - loc.start)
    if unit == "utf16":
        lines = lines if lines is not None else source_lines(result)
        if lines is not None:
            column = utf16_column(lines, loc.line, column)
            end_column = utf16_column(lines, end_line, end_column)
    return Span(loc.line, column, end_line, max(end_column, column + 1) if end_line == loc.line else end_column)


def utf16_column(lines: list[str], line: int, column: int) -> int:
    """Code-point column -> UTF-16 code-unit column (they differ after characters outside the BMP)."""
    if not 1 <= line <= len(lines):
        return column
    prefix = lines[line - 1][: column - 1]
    return len(prefix.encode("utf-16-le")) // 2 + 1 + max(0, column - 1 - len(prefix))


def where(finding: Finding, result: DocumentResult) -> str:
    from klarsprak.report.text import location_label

    return location_label(finding, result.document)


def one_line(text: str) -> str:
    return " ".join(text.split())


def message_with_suggestions(finding: Finding) -> str:
    text = finding.message
    if finding.suggestions:
        text += f" Förslag: {', '.join(finding.suggestions)}."
    return text


def rule_catalogue() -> dict:
    """The registered rules; empty if the rule families cannot be imported (formatters still work)."""
    try:
        from klarsprak.checks import registry

        return registry()
    except Exception:  # noqa: BLE001 — a broken rule module must not stop a report from being written
        return {}


def rule_help(rule) -> str:
    """Swedish help text for a rule: title, why, source, examples."""
    parts = [rule.title, "", rule.explanation]
    if getattr(rule, "source", ""):
        parts += ["", f"Källa: {rule.source}"]
    for ex in getattr(rule, "examples", ()):
        parts += ["", f"Krångligt: {ex.bad}", f"Bättre: {ex.good}"]
    return "\n".join(parts).strip()


def rule_help_markdown(rule) -> str:
    parts = [f"**{rule.title}**", "", rule.explanation]
    if getattr(rule, "source", ""):
        parts += ["", f"Källa: {rule.source}"]
    for ex in getattr(rule, "examples", ()):
        parts += ["", f"- Krångligt: {ex.bad}", f"- Bättre: {ex.good}"]
    return "\n".join(parts).strip()
