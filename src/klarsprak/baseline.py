"""Baselines: record today's findings, then report only new ones (``check --baseline FILE``).

A baseline is a JSON file of fingerprints (:mod:`klarsprak.fingerprint`), with paths relative to
the baseline file's folder, so it works from any working directory and survives edits elsewhere
in a document. Entries for files that were checked but no longer produce the finding are named, so
the baseline can be refreshed as the documents improve."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from klarsprak.errors import ConfigError
from klarsprak.findings import Report
from klarsprak.fingerprint import document_fingerprints, normalise_path

BASELINE_VERSION = 1


@dataclass
class Baseline:
    entries: list[dict]  # {"fingerprint", "rule", "path", "text", "message"}
    root: Path  # the folder paths in the baseline are relative to

    @property
    def fingerprints(self) -> set[str]:
        return {e["fingerprint"] for e in self.entries}


@dataclass
class BaselineOutcome:
    path: str
    suppressed: int = 0
    fixed: list[dict] = field(default_factory=list)  # baseline entries that no longer occur

    def as_dict(self) -> dict:
        return {"path": self.path, "suppressed": self.suppressed, "fixed": list(self.fixed)}


def build(report: Report, target: "str | Path") -> dict:
    """The baseline data for ``report``, with paths relative to ``target``'s folder."""
    from klarsprak import __version__

    root = Path(target).resolve().parent
    entries = []
    for result in report.documents:
        path = normalise_path(result.path, root)
        for finding, fp in zip(result.findings, document_fingerprints(result, root)):
            entries.append({"fingerprint": fp, "rule": finding.rule, "path": path, "text": finding.text,
                            "message": finding.message})
    return {
        "version": BASELINE_VERSION,
        "tool": {"name": "klarsprak", "version": __version__},
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "entries": entries,
    }


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def load(path: "str | Path") -> Baseline:
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("baslinjefilen finns inte; skapa den med 'klarsprak baseline FILER -o FIL'", str(p)) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"baslinjefilen kan inte läsas ({exc})", str(p)) from None
    if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION or not isinstance(data.get("entries"), list):
        raise ConfigError(f"baslinjefilen har fel format (väntade version {BASELINE_VERSION} med 'entries')", str(p))
    entries = []
    for entry in data["entries"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str) or not isinstance(entry.get("path"), str):
            raise ConfigError("baslinjefilen har en post utan 'fingerprint' eller 'path'", str(p))
        entries.append(entry)
    return Baseline(entries=entries, root=p.resolve().parent)


def apply(report: Report, baseline: Baseline, name: str) -> BaselineOutcome:
    """Drop findings the baseline knows (in place) and list baseline entries that are gone.

    Only files checked in this run can have gone entries: checking one file says nothing about
    the others in the baseline. Files that could not be read are left out for the same reason."""
    known = baseline.fingerprints
    outcome = BaselineOutcome(path=name)
    seen: set[str] = set()
    checked: set[str] = set()
    for result in report.documents:
        if result.errors:
            continue
        checked.add(normalise_path(result.path, baseline.root))
        prints = document_fingerprints(result, baseline.root)
        kept = []
        for finding, fp in zip(result.findings, prints):
            if fp in known:
                seen.add(fp)
                outcome.suppressed += 1
            else:
                kept.append(finding)
        result.findings = kept
    outcome.fixed = [
        {k: e[k] for k in ("fingerprint", "rule", "path", "text", "message") if k in e}
        for e in baseline.entries
        if e["path"] in checked and e["fingerprint"] not in seen
    ]
    return outcome
