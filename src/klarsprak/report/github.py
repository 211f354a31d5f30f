"""GitHub Actions workflow commands: ``::warning file=F,line=L,col=C::message`` (annotations on a PR).

Escaping follows the Actions runner: in the message ``%``, CR and LF are percent-encoded; in a
property value also ``:`` and ``,``. Columns are 1-based characters. Findings in a .docx/.pdf
get no line (the file is binary to GitHub) and say in the message where they are."""

from __future__ import annotations

from klarsprak.findings import Report
from klarsprak.fingerprint import normalise_path
from klarsprak.report.common import message_with_suggestions, text_span, where

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **props) -> str:
    fields = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level} {fields}::{escape_data(message)}" if fields else f"::{level}::{escape_data(message)}"


def render(report: Report, options: dict) -> str:
    lines = []
    for result in report.documents:
        path = normalise_path(result.path)
        for error in result.errors:
            lines.append(command("error", error, file=path, title="klarsprak: filen kunde inte läsas"))
        for finding in result.findings:
            span = text_span(finding, result)
            message = message_with_suggestions(finding)
            props = {"file": path}
            if span is not None:
                props.update(line=span.line, endLine=span.end_line)
                if span.line == span.end_line:
                    props.update(col=span.column, endColumn=span.end_column)
            elif finding.location.block >= 0:
                message = f"{message} ({where(finding, result)})"
            props["title"] = f"{finding.rule} {finding.name}"
            lines.append(command(LEVEL[finding.severity.value], message, **props))
    return "\n".join(lines) + ("\n" if lines else "")
