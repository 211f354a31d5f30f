"""Findings and reports: what the checks produce and every formatter consumes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


class Severity(str, Enum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 1, "warning": 2, "error": 3}[self.value]

    @classmethod
    def parse(cls, value: "str | Severity") -> "Severity":
        return value if isinstance(value, Severity) else cls(str(value).lower())


class Category(str, Enum):
    """Språklagen 11 §: vårdat, enkelt, begripligt — plus the structure of a decision."""

    VARDAT = "vardat"
    ENKELT = "enkelt"
    BEGRIPLIGT = "begripligt"
    STRUKTUR = "struktur"

    @property
    def label(self) -> str:
        return {"vardat": "Vårdat", "enkelt": "Enkelt", "begripligt": "Begripligt", "struktur": "Struktur"}[
            self.value
        ]


@dataclass(slots=True)
class Location:
    block: int  # index into Document.blocks; -1 for a whole-document finding
    start: int  # offsets into Block.text
    end: int
    line: int | None = None  # 1-based, text formats (and pdf line on the page)
    column: int | None = None  # 1-based, in characters
    end_line: int | None = None
    end_column: int | None = None  # 1-based, exclusive
    page: int | None = None  # pdf
    part: str | None = None  # docx part, e.g. word/document.xml
    paragraph: int | None = None  # docx paragraph index within the part

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(slots=True)
class Fix:
    """A replacement of ``Finding.location`` ``[start, end)`` by ``replacement``.

    Only ``safe`` fixes are offered as tracked changes or applied by ``fix --write``."""

    replacement: str
    safe: bool = False


@dataclass(slots=True)
class Finding:
    rule: str  # KS201
    name: str  # slug, e.g. lang-mening
    category: Category
    severity: Severity
    message: str  # Swedish, names the matched text
    text: str  # the matched text
    location: Location
    suggestions: list[str] = field(default_factory=list)
    fix: Fix | None = None
    sentence: str | None = None  # the sentence (or block text) the finding sits in, for fingerprints/context

    def sort_key(self) -> tuple:
        return (self.location.block, self.location.start, self.location.end, self.rule, self.message)

    def as_dict(self) -> dict:
        d = {
            "rule": self.rule,
            "name": self.name,
            "category": self.category.value,
            "severity": self.severity.value,
            "message": self.message,
            "suggestions": list(self.suggestions),
            "text": self.text,
            "location": self.location.as_dict(),
        }
        if self.fix is not None:
            d["fix"] = {"replacement": self.fix.replacement, "safe": self.fix.safe}
        return d


@dataclass(slots=True)
class DocumentResult:
    """Everything klarsprak found out about one input."""

    path: str
    format: str | None = None
    profile: str | None = None
    encoding: str | None = None
    metrics: dict = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # Swedish one-line errors (the file could not be read)
    warnings: list[str] = field(default_factory=list)
    outline: list[dict] = field(default_factory=list)  # detected sections with their roles
    abbreviations: list[dict] = field(default_factory=list)
    backend: dict = field(default_factory=dict)  # which NLP backend and model produced this
    document: object | None = None  # the klarsprak.model.Document, for formatters that show context

    @property
    def ok(self) -> bool:
        return not self.errors

    def worst(self) -> Severity | None:
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)


@dataclass(slots=True)
class Report:
    documents: list[DocumentResult] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for d in self.documents for f in d.findings]

    @property
    def has_errors(self) -> bool:
        return any(d.errors for d in self.documents)

    def fails(self, fail_on: str) -> bool:
        """True when some finding is at or above ``fail_on`` (error|warning|info|never)."""
        if fail_on == "never":
            return False
        level = Severity.parse(fail_on).rank
        return any(f.severity.rank >= level for f in self.findings)
