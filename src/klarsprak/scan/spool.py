"""The spool: every finished record, on disk (SQLite in a temporary folder) instead of in memory.

Results arrive in whatever order the workers finish; the spool gives them back sorted by path, so
the outputs are byte-identical with 1 or 2 jobs, and memory does not grow with the documents. The
wording units go in a table of their own, so clustering is an SQL query."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, OrderedDict
from itertools import chain, groupby
from operator import itemgetter
from pathlib import Path
from typing import Iterator

from klarsprak.scan.record import decode, listing_text

_SCHEMA = """
CREATE TABLE docs (path TEXT PRIMARY KEY, template INTEGER, error TEXT, row TEXT, record BLOB);
CREATE TABLE units (key TEXT, kind TEXT, nfind INTEGER, unit INTEGER, path TEXT, template INTEGER);
CREATE TABLE grouping (letter TEXT PRIMARY KEY, template TEXT, shared INTEGER);
"""

UNIT_BATCH = 5000  # unit rows per INSERT batch
GROUP_MIN_SHARED = 2  # a letter goes under a template when it shares at least this many wordings
SOURCES_KEPT = 64  # decoded source records kept while the wordings are listed


class Spool:
    def __init__(self, folder: "str | Path"):
        self.db = sqlite3.connect(str(Path(folder) / "spool.sqlite"))
        # A private temporary file: no journal, no syncing (a crash loses the scan either way), and
        # one transaction until ``finish`` (SQLite spills pages to the file: memory stays bounded).
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._units: list[tuple] = []  # unit rows waiting to be inserted in one batch

    def close(self) -> None:
        self.db.close()

    def add(self, path: str, row: dict, record: dict, blob: bytes) -> bool:
        """Store one document (``record``: its ``units`` decoded; ``blob``: the encoded record);
        False when the path was already stored (named twice)."""
        template = 1 if row.get("template") else 0
        try:
            self.db.execute("INSERT INTO docs VALUES (?, ?, ?, ?, ?)", (path, template, row.get("error") or None, _dump(row), blob))
        except sqlite3.IntegrityError:
            return False
        # unit: the wording's place in the record's ``details``, read only for the wordings shown
        self._units.extend((key, kind, nfind, i, path, template) for i, (key, kind, nfind) in enumerate(record["units"]))
        if len(self._units) >= UNIT_BATCH:
            self._flush()
        return True

    def _flush(self) -> None:
        self.db.executemany("INSERT INTO units VALUES (?, ?, ?, ?, ?, ?)", self._units)
        self._units = []

    def finish(self) -> None:
        self._flush()
        self.db.commit()
        # (key, template): the clusters count the template rows of a key
        self.db.execute("CREATE INDEX units_key ON units (key, template)")
        self._group_letters()
        self.db.commit()

    # --- reading back, always sorted ---------------------------------------------------------------
    def paths(self) -> Iterator[str]:
        for (path,) in self.db.execute("SELECT path FROM docs ORDER BY path"):
            yield path

    def rows(self, templates_only: bool = False) -> Iterator[dict]:
        where = "WHERE d.template = 1" if templates_only else ""
        query = f"SELECT d.row, g.template FROM docs d LEFT JOIN grouping g ON g.letter = d.path {where} ORDER BY d.path"
        for row, template in self.db.execute(query):
            data = json.loads(row)
            data["template_of"] = template
            yield data

    def records(self, parts: tuple[str, ...] = ("meta", "units", "findings", "blocks")) -> Iterator[tuple[dict, dict]]:
        """``(row, record)`` for every document, sorted by path, with ``parts`` of the record decoded."""
        for data, blob in self._rows_with_blobs():
            yield data, decode(blob, parts)

    def listings(self) -> Iterator[tuple[dict, str]]:
        """``(row, listing text)`` for every document, sorted by path (see ``record.listing_of``)."""
        for data, blob in self._rows_with_blobs():
            yield data, listing_text(blob)

    def _rows_with_blobs(self) -> Iterator[tuple[dict, bytes]]:
        query = "SELECT d.row, g.template, d.record FROM docs d LEFT JOIN grouping g ON g.letter = d.path ORDER BY d.path"
        for row, template, blob in self.db.execute(query):
            data = json.loads(row)
            data["template_of"] = template
            yield data, blob

    def errors(self) -> Iterator[tuple[str, str]]:
        """``(path, message)`` of every file that could not be read, sorted by path."""
        return iter(self.db.execute("SELECT path, error FROM docs WHERE error IS NOT NULL ORDER BY path").fetchall())

    def letters_of(self, template: str) -> list[str]:
        cur = self.db.execute("SELECT letter FROM grouping WHERE template = ? ORDER BY letter", (template,))
        return [letter for (letter,) in cur]

    def count(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]

    # --- standard wordings ---------------------------------------------------------------------------
    def clusters(self, limit: int) -> Iterator[dict]:
        """Wordings in two documents or more, by impact (documents × findings), then documents, key."""
        query = """
            SELECT key, kind, COUNT(DISTINCT path) AS docs, MAX(nfind) AS nf
            FROM units GROUP BY key HAVING docs >= 2
            ORDER BY docs * nf DESC, docs DESC, nf DESC, key LIMIT ?"""
        sources = _Recent(SOURCES_KEPT)  # the same template is often the source of many wordings
        for key, kind, docs, nf in self.db.execute(query, (limit,)).fetchall():
            path, unit = self.db.execute(
                "SELECT path, unit FROM units WHERE key = ? ORDER BY nfind DESC, template DESC, path, unit LIMIT 1", (key,)
            ).fetchone()
            record = sources.get(path)
            if record is None:
                record = sources[path] = self._wording_parts(path)
            display, hits = record["details"][unit][:2]
            findings = [_short(record["findings"][i]) for i in hits]
            examples = [p for (p,) in self.db.execute("SELECT DISTINCT path FROM units WHERE key = ? ORDER BY path LIMIT 10", (key,))]
            templates = self.db.execute("SELECT COUNT(DISTINCT path) FROM units WHERE key = ? AND template = 1", (key,)).fetchone()[0]
            yield {
                "key": key, "kind": kind, "documents": docs, "templates": templates, "findings": findings,
                "impact": docs * nf, "text": display, "source": path, "examples": examples,
            }

    def _wording_parts(self, path: str) -> dict:
        """The parts of a document's record that show its wordings: texts and findings."""
        (blob,) = self.db.execute("SELECT record FROM docs WHERE path = ?", (path,)).fetchone()
        return decode(blob, ("details", "findings"))

    def _group_letters(self) -> None:
        """Each letter under the template it shares most wordings with (ties: the first path).

        Counted here rather than in one SQL self-join: a wording in every template meets every
        letter that carries it, and grouping those pairs in SQL cost more than the rest of a warm
        re-scan. Only the templates' wordings are held in memory (key -> template paths); the
        letters stream past one at a time."""
        by_key: dict[str, list[str]] = {}
        for key, path in self.db.execute("SELECT DISTINCT key, path FROM units WHERE template = 1"):
            by_key.setdefault(key, []).append(path)
        if not by_key:
            return
        best: list[tuple[str, str, int]] = []
        # A document's units were inserted together: in rowid order each letter is one run.
        query = "SELECT path, key FROM units WHERE template = 0 ORDER BY rowid"
        for letter, rows in groupby(self.db.execute(query), key=itemgetter(0)):
            keys = {key for _, key in rows}
            shared = Counter(chain.from_iterable(by_key.get(key, ()) for key in keys))
            if shared:
                template, count = min(shared.items(), key=_most_then_first)
                if count >= GROUP_MIN_SHARED:
                    best.append((letter, template, count))
            if len(best) >= 1000:
                self.db.executemany("INSERT INTO grouping VALUES (?, ?, ?)", best)
                best = []
        self.db.executemany("INSERT INTO grouping VALUES (?, ?, ?)", best)


class _Recent(OrderedDict):
    """A dict that keeps only the ``size`` entries set last (bounded memory)."""

    def __init__(self, size: int):
        super().__init__()
        self.size = size

    def __setitem__(self, key, value) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


def _most_then_first(item: tuple[str, int]) -> tuple[int, str]:
    return -item[1], item[0]


def _short(finding: dict) -> dict:
    return {k: finding[k] for k in ("rule", "name", "category", "severity", "message", "text", "suggestions") if k in finding}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
