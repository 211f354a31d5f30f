"""The spool: every finished record, on disk (SQLite in a temporary folder) instead of in memory.

Results arrive in whatever order the workers finish; the spool gives them back sorted by path, so
the outputs are byte-identical with 1 or 2 jobs, and memory does not grow with the documents. The
wording units go in a table of their own, so clustering and template grouping are SQL queries."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator

from klarsprak.scan.record import decode, encode

_SCHEMA = """
CREATE TABLE docs (path TEXT PRIMARY KEY, template INTEGER, row TEXT, record BLOB);
CREATE TABLE units (
    key TEXT, kind TEXT, path TEXT, template INTEGER, display TEXT, findings TEXT, nfind INTEGER,
    block INTEGER, start INTEGER, stop INTEGER
);
CREATE TABLE grouping (letter TEXT PRIMARY KEY, template TEXT, shared INTEGER);
"""

GROUP_MIN_SHARED = 2  # a letter goes under a template when it shares at least this many wordings


class Spool:
    def __init__(self, folder: "str | Path"):
        self.db = sqlite3.connect(str(Path(folder) / "spool.sqlite"))
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _SCHEMA)
        self._pending = 0

    def close(self) -> None:
        self.db.close()

    def add(self, path: str, row: dict, record: dict, blob: bytes | None = None) -> bool:
        """Store one document (``blob``: the record already encoded); False when the path was
        already stored (named twice)."""
        template = 1 if row.get("template") else 0
        try:
            self.db.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?)", (path, template, _dump(row), blob or encode(record))
            )
        except sqlite3.IntegrityError:
            return False
        self.db.executemany(
            "INSERT INTO units VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    u["key"], u["kind"], path, template, u["display"],
                    ",".join(map(str, u["findings"])), len(u["findings"]),  # indices into the record's findings
                    u["block"], u["start"], u["end"],
                )
                for u in record.get("units", [])
            ],
        )
        self._pending += 1
        if self._pending >= 200:
            self.db.commit()
            self._pending = 0
        return True

    def finish(self) -> None:
        self.db.commit()
        # (key, template): the letter–template join looks up only the template rows of a key
        self.db.execute("CREATE INDEX units_key ON units (key, template)")
        self.db.execute("CREATE INDEX units_path ON units (path)")
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
        query = "SELECT d.row, g.template, d.record FROM docs d LEFT JOIN grouping g ON g.letter = d.path ORDER BY d.path"
        for row, template, blob in self.db.execute(query):
            data = json.loads(row)
            data["template_of"] = template
            yield data, decode(blob, parts)

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
        for key, kind, docs, nf in self.db.execute(query, (limit,)).fetchall():
            display, indices, path = self.db.execute(
                "SELECT display, findings, path FROM units WHERE key = ? ORDER BY nfind DESC, template DESC, path LIMIT 1", (key,)
            ).fetchone()
            findings = self._findings(path, indices)
            examples = [p for (p,) in self.db.execute("SELECT DISTINCT path FROM units WHERE key = ? ORDER BY path LIMIT 10", (key,))]
            templates = self.db.execute("SELECT COUNT(DISTINCT path) FROM units WHERE key = ? AND template = 1", (key,)).fetchone()[0]
            yield {
                "key": key, "kind": kind, "documents": docs, "templates": templates, "findings": findings,
                "impact": docs * nf, "text": display, "source": path, "examples": examples,
            }

    def _findings(self, path: str, indices: str) -> list[dict]:
        if not indices:
            return []
        (blob,) = self.db.execute("SELECT record FROM docs WHERE path = ?", (path,)).fetchone()
        findings = decode(blob, ("findings",))["findings"]
        return [_short(findings[int(i)]) for i in indices.split(",")]

    def _group_letters(self) -> None:
        """Each letter under the template it shares most wordings with (ties: the first path)."""
        query = """
            SELECT l.path, t.path, COUNT(DISTINCT l.key) AS shared
            FROM units l JOIN units t ON t.key = l.key AND t.template = 1 AND l.template = 0
            GROUP BY l.path, t.path HAVING shared >= ?
            ORDER BY l.path, shared DESC, t.path"""
        best: list[tuple[str, str, int]] = []
        last = None
        for letter, template, shared in self.db.execute(query, (GROUP_MIN_SHARED,)):
            if letter != last:
                best.append((letter, template, shared))
                last = letter
            if len(best) >= 1000:
                self.db.executemany("INSERT INTO grouping VALUES (?, ?, ?)", best)
                best = []
        self.db.executemany("INSERT INTO grouping VALUES (?, ?, ?)", best)


def _short(finding: dict) -> dict:
    return {k: finding[k] for k in ("rule", "name", "category", "severity", "message", "text", "suggestions") if k in finding}


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
