"""Collects a scan's outcomes into the spool and answers what the outputs ask: totals, templates
ranked, standard wordings ranked, documents in path order."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from klarsprak.scan.aggregate import Totals, rank_key
from klarsprak.scan.runner import Outcome
from klarsprak.scan.spool import Spool

CLUSTER_CANDIDATES = 2000  # clusters fetched before sentences inside a listed paragraph are folded away


@dataclass
class Stats:
    """How the run went (not part of the JSON: it differs between a cold and a warm run)."""

    cached: int = 0
    processed: int = 0
    duplicates: int = 0


@dataclass
class ScanResult:
    spool: Spool
    folder: tempfile.TemporaryDirectory
    stats: Stats = field(default_factory=Stats)
    _totals: dict | None = None
    _templates: list | None = None

    def close(self) -> None:
        self.spool.close()
        self.folder.cleanup()

    def __enter__(self) -> "ScanResult":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- collecting --------------------------------------------------------------------------------
    @classmethod
    def collect(cls, outcomes: Iterable[Outcome], on_result=None) -> "ScanResult":
        folder = tempfile.TemporaryDirectory(prefix="klarsprak-scan-")
        result = cls(Spool(folder.name), folder)
        try:
            for outcome in outcomes:
                row = dict(outcome.record["row"], path=outcome.path)  # see record.encode
                if not result.spool.add(outcome.path, row, outcome.record, outcome.blob):
                    result.stats.duplicates += 1
                    continue
                if outcome.cached:
                    result.stats.cached += 1
                else:
                    result.stats.processed += 1
                if on_result is not None:
                    on_result(row)
            result.spool.finish()
        except BaseException:
            # Stop the producer now (a scan generator aborts its worker pool when closed), not
            # whenever the garbage collector gets to it, which may be during interpreter shutdown.
            close = getattr(outcomes, "close", None)
            if close is not None:
                close()
            result.close()
            raise
        return result

    # --- reading -------------------------------------------------------------------------------------
    def documents(self) -> Iterator[dict]:
        return self.spool.rows()

    def records(self, parts: tuple[str, ...] = ("meta", "units", "findings", "blocks")) -> Iterator[tuple[dict, dict]]:
        return self.spool.records(parts)

    def listings(self) -> Iterator[tuple[dict, str]]:
        """``(row, listing text)`` per document in path order (see ``record.listing_of``)."""
        return self.spool.listings()

    def totals(self) -> dict:
        if self._totals is None:
            self._summarise()
        return self._totals

    def templates(self) -> list[dict]:
        """Template rows, worst first, each with the letters grouped under it."""
        if self._templates is None:
            self._summarise()
        return self._templates

    def _summarise(self) -> None:
        totals = Totals()
        letter_scores: dict[str, list[float]] = {}
        for row in self.spool.rows():
            totals.add(row)
            if row["template_of"] and row["score"] is not None:
                letter_scores.setdefault(row["template_of"], []).append(row["score"])
        templates = []
        for row in self.spool.rows(templates_only=True):
            letters = self.spool.letters_of(row["path"])
            scores = letter_scores.get(row["path"], [])
            row["letters"] = letters
            row["letters_mean_score"] = round(sum(scores) / len(scores), 1) if scores else None
            row["impact"] = row["findings"] * (1 + len(letters))
            templates.append(row)
        templates.sort(key=rank_key)
        data = totals.as_dict()
        data["letters_grouped"] = sum(len(t["letters"]) for t in templates)
        self._totals, self._templates = data, templates

    def errors(self) -> Iterator[dict]:
        for path, message in self.spool.errors():
            yield {"path": path, "message": message}

    def wordings(self, limit: int) -> list[dict]:
        """Standard wordings by impact. A sentence is left out when a listed paragraph holds it
        and is carried by as many documents (the paragraph is the thing to rewrite)."""
        out: list[dict] = []
        for cluster in self.spool.clusters(CLUSTER_CANDIDATES):
            if cluster["kind"] == "mening" and any(
                p["kind"] == "stycke" and p["documents"] == cluster["documents"] and cluster["text"] in p["text"]
                for p in out
            ):
                continue
            out.append(cluster)
            if len(out) >= limit:
                break
        # A paragraph listed after its sentences (fewer findings) folds them away too.
        out = [
            c for c in out
            if not (c["kind"] == "mening" and any(
                p["kind"] == "stycke" and p["documents"] == c["documents"] and c["text"] in p["text"] for p in out
            ))
        ]
        from klarsprak.scan.wordings import direction

        for rank, cluster in enumerate(out, 1):
            cluster["rank"] = rank
            cluster["direction"] = direction(cluster["findings"])
        return out

    def worst_documents(self, limit: int) -> list[dict]:
        """The ``limit`` documents with the highest score (a bounded list, not a sort of all)."""
        import heapq

        rows = (r for r in self.spool.rows() if r["score"] is not None)
        return heapq.nsmallest(limit, rows, key=rank_key)
