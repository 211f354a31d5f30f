"""Per-document rows, the score that ranks documents and templates, and the totals of a scan.

Score ("problempoäng", higher is worse): findings weighted by severity (error 3, warning 2,
info 1) per 1,000 words, plus 10 for every required section that is missing or incomplete, plus
the LIX points above 40 (the start of "svår"). Short texts count as 100 words, so a three-line
letter with one finding does not top the list. Rates are per 1,000 words of the document."""

from __future__ import annotations

from collections import Counter

from klarsprak.findings import Category

CATEGORIES = tuple(c.value for c in Category)
CATEGORY_LABELS = {c.value: c.label for c in Category}
SEVERITY_WEIGHT = {"error": 3, "warning": 2, "info": 1}
FAMILIES = {
    "KS1": "Ord",
    "KS2": "Meningar",
    "KS3": "Tilltal",
    "KS4": "Struktur",
    "KS5": "Stavning och typografi",
    "KS6": "Mallar",
    "KS7": "Mätvärden",
}
MIN_WORDS_FOR_RATE = 100
SECTION_PENALTY = 10
LIX_TARGET = 40
METRIC_KEYS = ("lix", "ovix", "nominal_ratio", "passive_share", "mean_sentence_length", "long_word_share")
LIX_BINS = ((None, 25), (25, 30), (30, 35), (35, 40), (40, 45), (45, 50), (50, 55), (55, 60), (60, None))


def family_of(rule: str) -> str:
    return rule[:3] if rule[:3] in FAMILIES else "övrigt"


def per_1000(count: float, words: int) -> float:
    return round(count * 1000 / words, 1) if words else 0.0


def row_of(path: str, record: dict) -> dict:
    """The summary of one document that tables, charts and JSON use (from a decoded record's meta)."""
    metrics = record.get("metrics") or {}
    words = int(metrics.get("words") or 0)
    counts = record.get("counts") or {}  # see record.encode: counted once, when the record is made
    by_category = Counter(counts.get("category") or {})
    by_severity = Counter(counts.get("severity") or {})
    by_family: Counter = Counter()
    for rule, n in (counts.get("rule") or {}).items():
        by_family[family_of(rule)] += n
    total = sum(by_severity.values())
    sections = record.get("sections") or {}
    required = sections.get("required") or {}
    lacking = sorted(role for role, status in required.items() if status in ("saknas", "ofullständig"))
    errors = record.get("errors") or []
    row = {
        "path": path,
        "format": record.get("format"),
        "profile": record.get("profile"),
        "template": record.get("profile") == "mall" or bool(record.get("template_path")),
        "error": errors[0] if errors else None,
        "words": words,
        "metrics": {k: metrics[k] for k in METRIC_KEYS if k in metrics},
        "lix_band": metrics.get("lix_band"),
        "findings": total,
        "severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
        "categories": {c: by_category.get(c, 0) for c in CATEGORIES},
        "per_1000_words": {c: per_1000(by_category.get(c, 0), words) for c in CATEGORIES},
        "families": {fam: by_family.get(fam, 0) for fam in FAMILIES},
        "structure": {"required": dict(sorted(required.items())), "complete": sections.get("complete"), "lacking": lacking},
        "score": None if errors else score(by_severity, words, len(lacking), float(metrics.get("lix") or 0.0)),
    }
    return row


def score(severities: dict, words: int, lacking_sections: int, lix: float) -> float:
    weighted = sum(SEVERITY_WEIGHT.get(sev, 1) * n for sev, n in severities.items())
    rate = weighted * 1000 / max(words, MIN_WORDS_FOR_RATE)
    return round(rate + SECTION_PENALTY * lacking_sections + max(0.0, lix - LIX_TARGET), 1)


class Totals:
    """Running totals over every document (constant memory)."""

    def __init__(self) -> None:
        self.documents = 0
        self.unreadable = 0
        self.templates = 0
        self.words = 0
        self.findings = 0
        self.categories: Counter = Counter()
        self.severity: Counter = Counter()
        self.lix_bins = [0] * len(LIX_BINS)
        self.profiles: Counter = Counter()

    def add(self, row: dict) -> None:
        self.documents += 1
        if row["error"]:
            self.unreadable += 1
            return
        self.templates += 1 if row["template"] else 0
        self.words += row["words"]
        self.findings += row["findings"]
        self.categories.update(row["categories"])
        self.severity.update(row["severity"])
        self.profiles[row["profile"] or "okänd"] += 1
        if row["words"]:
            self.lix_bins[lix_bin(row["metrics"].get("lix", 0.0))] += 1

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "read": self.documents - self.unreadable,
            "unreadable": self.unreadable,
            "templates": self.templates,
            "words": self.words,
            "findings": self.findings,
            "severity": {s: self.severity.get(s, 0) for s in ("error", "warning", "info")},
            "categories": {c: self.categories.get(c, 0) for c in CATEGORIES},
            "per_1000_words": {c: per_1000(self.categories.get(c, 0), self.words) for c in CATEGORIES},
            "profiles": dict(sorted(self.profiles.items())),
            "lix_distribution": [
                {"from": lo, "to": hi, "documents": n} for (lo, hi), n in zip(LIX_BINS, self.lix_bins)
            ],
        }


def lix_bin(lix: float) -> int:
    for i, (lo, hi) in enumerate(LIX_BINS):
        if (lo is None or lix >= lo) and (hi is None or lix < hi):
            return i
    return len(LIX_BINS) - 1


def lix_bin_label(lo, hi) -> str:
    if lo is None:
        return f"under {hi}"
    if hi is None:
        return f"{lo} och över"
    return f"{lo}–{hi - 1}"


def rank_key(row: dict) -> tuple:
    """Worst first: score descending, then path."""
    return (-(row["score"] if row["score"] is not None else -1.0), row["path"])
