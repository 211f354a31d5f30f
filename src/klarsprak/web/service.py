"""The work behind every request: read the submission, lint it, render JSON or a Word copy.

One lock serialises the NLP work: the pipeline is loaded once per process and shared, and with
a couple of cores nothing is gained by running two documents at once."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from klarsprak import api, extract, limits, nlp
from klarsprak.config import Config
from klarsprak.errors import KlarsprakError
from klarsprak.findings import DocumentResult, Report
from klarsprak.web.uploads import Submission

_lock = threading.Lock()


@dataclass
class Checked:
    submission: Submission
    result: DocumentResult

    @property
    def readable(self) -> bool:
        return not self.result.errors


def warm_up(config: Config) -> None:
    """Load the NLP pipeline and the rules now, so the first request is as fast as the rest."""
    nlp.load_backend(config.backend)
    api.lint_text("Beslutet gäller från och med i dag. Du får pengar varje månad.", config=config)


def check(submission: Submission, config: Config) -> Checked:
    """Lint the submission; an unreadable file gives a result with a Swedish error, never an exception."""
    with _lock:
        try:
            with limits.time_limit(limits.seconds_for(config)):  # one budget for reading and checking
                if submission.text is not None:
                    document = extract.read_text(submission.text, fmt=submission.fmt, path=submission.name, config=config)
                else:
                    document = extract.read_bytes(submission.data, submission.fmt, submission.name, config)
                result = api.lint_document(document, profile=submission.profile, config=config)
        except KlarsprakError as exc:
            return Checked(submission, DocumentResult(path=submission.name, format=submission.fmt, errors=[exc.message]))
        return Checked(submission, result)


def report_json(checked: Checked, config: Config) -> str:
    """Exactly what ``klarsprak check --format json`` prints for this document (redacted when the
    config asks for it, as the CLI does)."""
    from klarsprak.report import render

    report = Report(documents=[checked.result])
    options: dict = {"quiet": False, "verbose": False}
    if config.redact:
        from klarsprak.redact import Redactor

        redactor = Redactor.for_report(report)
        report = redactor.report(report)
        options = redactor.mask_data(options)
    return render(report, "json", {**options, "color": False})


def word_copy(checked: Checked, kind: str, config: Config) -> tuple[bytes, int]:
    """The Word copy: ``kind`` "kommentarer" (comments) or "andringar" (tracked changes), and how
    many comments/changes it holds."""
    data, document = checked.submission.data, checked.result.document
    with _lock:
        if kind == "kommentarer":
            from klarsprak.writeback.comments import annotate

            annotated = annotate(data, document, checked.result.findings, config)
            return annotated.data, len(annotated.anchored) + (1 if annotated.gathered else 0)
        from klarsprak.writeback.tracked import track_fixes

        tracked = track_fixes(data, document, checked.result.findings, config)
        return tracked.data, len(tracked.applied)


def copy_name(name: str, kind: str) -> str:
    """``beslut.docx`` -> ``beslut.granskad.docx`` / ``beslut.forslag.docx`` (as the CLI names them)."""
    stem, _, suffix = name.rpartition(".")
    tag = "granskad" if kind == "kommentarer" else "forslag"
    return f"{stem or name}.{tag}.{suffix or 'docx'}"
