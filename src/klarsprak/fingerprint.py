"""One fingerprint per finding: rule + path + normalised sentence (+ the matched words).

Shared by SARIF ``partialFingerprints``, GitLab Code Quality ``fingerprint`` and baselines, so an
alert survives edits elsewhere in the file (line numbers and offsets are left out on purpose).
Two findings that would still collide (the same word twice in a sentence) get an occurrence number,
so fingerprints are unique within a report and stable from run to run."""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from klarsprak.findings import DocumentResult, Finding

_SPACE = re.compile(r"\s+")


def normalise_text(text: str | None) -> str:
    """NFC, case-folded, whitespace collapsed: edits to spacing or case keep the fingerprint."""
    if not text:
        return ""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip().casefold()


def normalise_path(path: str | None, root: "str | os.PathLike[str] | None" = None) -> str:
    """POSIX path relative to ``root`` (default: the working directory) when inside it."""
    if not path or path in ("-", "<text>"):
        return path or ""
    p = Path(path)
    base = Path(root) if root is not None else Path.cwd()
    try:
        rel = p.resolve().relative_to(base.resolve())
        return rel.as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
        return p.as_posix().removeprefix("./")


def fingerprint(rule: str, path: str, sentence: str | None, text: str | None = None) -> str:
    """The base fingerprint (hex, 32 characters) of one finding."""
    key = "\x1f".join((rule, path, normalise_text(sentence), normalise_text(text)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def finding_fingerprint(finding: "Finding", path: str) -> str:
    sentence = finding.sentence if finding.sentence is not None else finding.text
    return fingerprint(finding.rule, path, sentence, finding.text)


def document_fingerprints(result: "DocumentResult", root: "str | os.PathLike[str] | None" = None) -> list[str]:
    """Unique fingerprints for ``result.findings`` in order (repeats get ``-2``, ``-3`` ...)."""
    path = normalise_path(result.path, root)
    seen: dict[str, int] = {}
    out = []
    for finding in result.findings:
        base = finding_fingerprint(finding, path)
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return out
