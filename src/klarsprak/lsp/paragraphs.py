"""Linting an editor buffer paragraph by paragraph, with a cache keyed on each paragraph's text.

Two tiers, because some findings need the whole document and some only their paragraph:

- on open and on save the whole buffer is linted; that settles the profile and the document-scope
  findings (structure, consistency, the document's measures) and fills the paragraph cache;
- while typing only paragraphs whose text is not in the cache are linted, together, as a small
  document of their own; the rest are taken from the cache. Document-scope findings from the last
  whole run stay on their paragraph as long as its text is unchanged.

A paragraph linted on its own does not see the rest of the text: a term explained in an earlier
paragraph, or a suppression comment above it, counts again only at the next save."""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from klarsprak import api, extract
from klarsprak.checks.base import locate
from klarsprak.config import Config, config_for
from klarsprak.errors import KlarsprakError
from klarsprak.findings import Category, Finding, Location
from klarsprak.model import Block, Document

DOCUMENT_SCOPE_RULES = frozenset({"KS502", "KS701"})  # consistency across the text, whole-text measures
CACHE_SIZE = 20_000


def is_document_scope(finding: Finding) -> bool:
    return finding.location.block < 0 or finding.category is Category.STRUKTUR or finding.rule in DOCUMENT_SCOPE_RULES


def block_key(block: Block) -> tuple:
    return (block.kind.value, block.level, block.text, tuple(block.placeholders))


@dataclass
class Issue:
    """A finding placed in the buffer: 0-based line and code-point column, end exclusive."""

    finding: Finding
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass
class BufferState:
    """What one open buffer keeps between runs."""

    profile: str | None = None
    document_findings: list[tuple[tuple | None, int, int, Finding]] = field(default_factory=list)


@dataclass
class Diagnosis:
    issues: list[Issue]
    analysed: int  # paragraphs linted in this run
    total: int  # paragraphs in the buffer
    error: str | None = None


class ParagraphLinter:
    def __init__(self, explicit: Config | None = None, profile: str | None = None):
        self.explicit = explicit
        self.profile = profile
        self._cache: OrderedDict[tuple, list[tuple[int, int, Finding]]] = OrderedDict()
        self._lock = threading.Lock()  # one lint at a time: the NLP pipeline is shared

    def config_for(self, path: str | None) -> Config:
        return self.explicit or config_for(path)

    def diagnose(self, text: str, fmt: str, path: str | None, state: BufferState, whole: bool) -> Diagnosis:
        config = self.config_for(path)
        with self._lock:
            try:
                document = extract.read_text(text, fmt=fmt, path=path, config=config)
            except KlarsprakError as exc:
                return Diagnosis([], 0, 0, exc.message)
            keys = [block_key(b) for b in document.blocks]
            error = None
            if whole or state.profile is None:
                error = self._lint_whole(document, keys, state, config)
                analysed = len(keys)
            else:
                analysed = self._lint_missing(document, keys, state, config)
            return Diagnosis(self._issues(document, keys, state), analysed, len(keys), error)

    # -- the two tiers ------------------------------------------------------------------------
    def _lint_whole(self, document: Document, keys: list[tuple], state: BufferState, config: Config) -> str | None:
        result = api.lint_document(document, profile=self.profile, config=config)
        if result.errors:
            state.document_findings = []
            for key in keys:
                self._store(key, [])
            return result.errors[0]
        state.profile = result.profile
        local: dict[int, list[tuple[int, int, Finding]]] = {i: [] for i in range(len(keys))}
        state.document_findings = []
        for f in result.findings:
            loc = f.location
            if is_document_scope(f):
                key = keys[loc.block] if 0 <= loc.block < len(keys) else None
                state.document_findings.append((key, loc.start, loc.end, f))
            else:
                local[loc.block].append((loc.start, loc.end, f))
        for i, key in enumerate(keys):
            self._store(key, local[i])
        return None

    def _lint_missing(self, document: Document, keys: list[tuple], state: BufferState, config: Config) -> int:
        missing: dict[tuple, Block] = {}
        for block, key in zip(document.blocks, keys):
            if key not in self._cache and key not in missing:
                missing[key] = block
        if not missing:
            return 0
        blocks = [dataclasses.replace(b, index=j) for j, b in enumerate(missing.values())]
        part = Document(path=document.path, format=document.format, blocks=blocks, encoding=document.encoding)
        result = api.lint_document(part, profile=state.profile, config=config)
        found: dict[int, list[tuple[int, int, Finding]]] = {j: [] for j in range(len(blocks))}
        if not result.errors:
            for f in result.findings:
                if not is_document_scope(f):
                    found[f.location.block].append((f.location.start, f.location.end, f))
        for j, key in enumerate(missing):
            self._store(key, found[j])
        return len(missing)

    def _store(self, key: tuple, findings: list) -> None:
        self._cache[key] = findings
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_SIZE:
            self._cache.popitem(last=False)

    # -- placing findings in the buffer ---------------------------------------------------------
    def _issues(self, document: Document, keys: list[tuple], state: BufferState) -> list[Issue]:
        issues = []
        first_index: dict[tuple, int] = {}
        for i, key in enumerate(keys):
            first_index.setdefault(key, i)
            for start, end, f in self._cache.get(key, []):
                issues.append(_issue(document, i, start, end, f))
        for key, start, end, f in state.document_findings:
            if key is None:
                issues.append(Issue(f, 0, 0, 0, 0))
            elif key in first_index:
                issues.append(_issue(document, first_index[key], start, end, f))
        return sorted(issues, key=lambda x: (x.line, x.column, x.finding.rule))


def _issue(document: Document, block: int, start: int, end: int, f: Finding) -> Issue:
    loc: Location = locate(document, block, start, end)
    line = (loc.line or 1) - 1
    column = (loc.column or 1) - 1
    end_line = (loc.end_line or loc.line or 1) - 1
    end_column = (loc.end_column - 1) if loc.end_column is not None else column
    if end <= start:
        end_line, end_column = line, column
    return Issue(f, line, column, end_line, end_column)
