#!/usr/bin/env python3
"""Precision and recall of the structure rules (KS401-KS409), per document, on the annotated set:

- ``corpora/eval/struktur_*.txt`` (``%% expect:`` directives, scored by ``rule_quality.evaluate``);
- ``corpora/struktur/`` (manifest.yaml: .txt, .docx with heading styles, .docx with bold headings, .pdf);
- ``corpora/beslut/`` (manifest.yaml: faults; ``optional`` rules count neither way), .txt/.docx/.pdf.

A rule that fires in a document whose annotation does not list it is a false positive; a listed rule
that does not fire is a miss. Also prints the time the structure rules take (after the NLP stage).

Usage::

    python benchmarks/structure_quality.py [--show] [--no-formats]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

RULES = [f"KS40{i}" for i in range(1, 10)]


def manifest_cases(formats: bool):
    struktur = ROOT / "corpora" / "struktur"
    m = yaml.safe_load((struktur / "manifest.yaml").read_text(encoding="utf-8"))
    fmts = {"txt": "txt", "docx": "docx", "docx-fet": "docx", "pdf": "pdf"} if formats else {"txt": "txt"}
    for doc in m["documents"]:
        for fmt, ext in fmts.items():
            yield struktur / fmt / f"{doc['id']}.{ext}", set(doc["expect"]), set()
    beslut = ROOT / "corpora" / "beslut" / "manifest.yaml"
    if beslut.is_file():
        m = yaml.safe_load(beslut.read_text(encoding="utf-8"))
        for doc in m["documents"]:
            faults = {r for r in doc.get("faults", []) if r.startswith("KS4")}
            optional = {r for r in doc.get("optional", []) or [] if r.startswith("KS4")}
            for fmt in ("txt", "docx", "pdf") if formats else ("txt",):
                yield ROOT / "corpora" / "beslut" / fmt / f"{doc['id']}.{fmt}", faults, optional


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", action="store_true", help="visa falska larm och missar")
    ap.add_argument("--no-formats", action="store_true", help="bara .txt (snabbare)")
    args = ap.parse_args(argv)

    from klarsprak import api, extract, nlp
    from klarsprak.checks.base import Context
    from klarsprak.checks.engine import active_rules
    from klarsprak.config import Config
    from rule_quality import EVAL_DIR, Score, evaluate, render

    scores: dict[str, Score] = {r: Score() for r in RULES}
    eval_files = sorted(EVAL_DIR.glob("struktur_*.txt"))
    for rule, s in evaluate(eval_files, set(RULES)).items():
        scores[rule].add(s)
        scores[rule].false_positives += s.false_positives
        scores[rule].misses += s.misses

    n_docs = 0
    rule_seconds = 0.0
    words = 0
    backend = nlp.load_backend("embedded")
    for path, expected, optional in manifest_cases(not args.no_formats):
        if not path.is_file():
            continue
        n_docs += 1
        result = api.lint_file(str(path))
        found = {f.rule for f in result.findings if f.rule in RULES}
        rel = path.relative_to(ROOT)
        for rule in RULES:
            s = scores[rule]
            if rule in optional:
                continue
            if rule in found and rule in expected:
                s.tp += 1
            elif rule in found:
                s.fp += 1
                s.false_positives.append(f"{rel}: " + "; ".join(f.message for f in result.findings if f.rule == rule)[:200])
            elif rule in expected:
                s.fn += 1
                s.misses.append(f"{rel}: förväntat {rule}")
        # time the structure rules alone, on a fresh context (the NLP stage is not counted)
        document = extract.read(str(path))
        analysis = backend.analyse(document, parse=False)
        ctx = Context(document=document, analysis=analysis, config=Config(), profile=result.profile or "beslut")
        rules = [r for r in active_rules(Config(), None) if r.id in RULES and (r.profiles is None or ctx.profile in r.profiles)]
        start = time.perf_counter()
        for rule in rules:
            list(rule.check(ctx))
        rule_seconds += time.perf_counter() - start
        words += document.word_count()

    print(f"{len(eval_files)} utvärderingsfiler (corpora/eval/struktur_*.txt) + {n_docs} korpusfiler")
    print(render(scores))
    if rule_seconds:
        print(f"\nstrukturreglerna: {words} ord på {rule_seconds:.3f} s = {words / rule_seconds:,.0f} ord/s (efter NLP)")
    if args.show:
        for rule in RULES:
            for fp in scores[rule].false_positives:
                print(f"FP {rule} {fp}")
            for miss in scores[rule].misses:
                print(f"FN {rule} {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
