"""klarsprak — a Swedish plain-language and document-quality linter for public-sector decisions.

Library use::

    import klarsprak
    report = klarsprak.lint("beslut.docx")
    for finding in report.findings:
        print(finding.rule, finding.message)
"""

from klarsprak.api import lint, lint_document, lint_file, lint_paths, lint_text  # noqa: F401
from klarsprak.findings import Category, DocumentResult, Finding, Report, Severity  # noqa: F401

__version__ = "0.1.0"
