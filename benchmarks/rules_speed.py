"""Speed of the rule stage alone, after the NLP stage (issue 4: >= 50,000 words/s on corpora/).

The documents (corpora/**/*.{txt,md,docx,pdf} and ../shared/corpus/*.txt; hostile files and texts
that are not Swedish are skipped, as the engine refuses them) are extracted and analysed once; that
NLP stage is timed on its own, and so is the dependency parse of the sentences the rules ask for.
Then the rule stage (``engine.run_rules``: profile, every enabled rule, suppressions, metrics,
outline) runs --repeat times on every document with a fresh per-document cache; the best pass is
reported in words/s of CPU time, with a per-rule table (each rule timed inside a full pass, so a
cache shared by several rules, e.g. the sections, is counted at the first rule that builds it).

--long-block N (default 40,000; 0: skip) also times the rule stage on ONE paragraph of N words made
from the same texts, as a PDF without paragraph breaks gives: the rules must stay linear in the
length of a block (it took about 100 s before the position questions got indexes).

Usage: python benchmarks/rules_speed.py [--repeat 5] [--only txt] [--profile-out FILE.prof] [--long-block N]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET = 50_000
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


def corpus_paths(only: str | None) -> list[Path]:
    suffixes = tuple(f".{s.strip()}" for s in only.split(",")) if only else SUFFIXES
    paths = [p for p in sorted((ROOT / "corpora").rglob("*"))
             if p.suffix in suffixes and "hostile" not in p.parts and p.name.lower() not in ("readme.txt", "readme.md")]
    if ".txt" in suffixes:
        paths += sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
    return paths


class TimedParse:
    """The backend with its ``parse`` timed: parsing is NLP cost, not rule cost."""

    def __init__(self, backend):
        self.backend, self.seconds = backend, 0.0

    def parse(self, analysis, sentences):
        t = time.process_time()
        self.backend.parse(analysis, sentences)
        self.seconds += time.process_time() - t

    def info(self):
        return self.backend.info()


def analyse_all(paths, cfg):
    from klarsprak import extract, language, nlp
    from klarsprak.errors import KlarsprakError

    backend = nlp.load_backend(cfg.backend)
    docs, nlp_seconds = [], 0.0
    for path in paths:
        try:
            doc = extract.read(str(path), config=cfg)
        except KlarsprakError:
            continue
        if not language.assess(doc).swedish:
            continue
        t = time.process_time()
        analysis = backend.analyse(doc, parse=False)
        nlp_seconds += time.process_time() - t
        docs.append((doc, analysis))
    return backend, docs, nlp_seconds


def long_block(docs, n_words: int, cfg, backend) -> None:
    """The rule stage on one paragraph of ``n_words`` words (the corpus texts run together)."""
    from klarsprak.checks import engine
    from klarsprak.extract import read_text

    words: list[str] = []
    while len(words) < n_words:
        for doc, _ in docs:
            words += doc.text.split()
    document = read_text(" ".join(words[:n_words]))
    t = time.process_time()
    analysis = backend.analyse(document, parse=False)
    nlp_seconds = time.process_time() - t
    counted = sum(1 for t in analysis.tokens if t.is_word)
    timed = TimedParse(backend)
    t = time.process_time()
    result = engine.run_rules(document, analysis, cfg, None, timed)
    rules = time.process_time() - t - timed.seconds
    print(f"\none block of {counted:,} words ({len(document.blocks)} block): NLP {nlp_seconds:.2f} s, parser "
          f"{timed.seconds:.2f} s, rule stage {rules:.2f} s CPU, {counted / rules:,.0f} words/s, "
          f"{len(result.findings):,} findings")


def timed_rules(rules, spent):
    """Wrap each rule's ``check`` so a pass through the engine records CPU time per rule."""
    for rule in rules:
        original = rule.check

        def check(ctx, _original=original, _id=rule.id):
            t = time.process_time()
            out = list(_original(ctx))
            spent[_id] = spent.get(_id, 0.0) + time.process_time() - t
            return out

        rule.check = check  # instance attribute shadows the method for this process only


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--only", default=None, help="comma-separated suffixes, e.g. txt or txt,docx")
    ap.add_argument("--profile-out", default=None, help="write a cProfile of one rule pass here")
    ap.add_argument("--long-block", type=int, default=40_000, help="words in the one-block run (0: skip it)")
    args = ap.parse_args()
    os.environ.setdefault("KLARSPRAK_CACHE_DIR", tempfile.mkdtemp(prefix="klarsprak-bench-"))

    from klarsprak.checks import engine
    from klarsprak.checks.base import registry
    from klarsprak.config import Config

    cfg = Config()
    backend, docs, nlp_seconds = analyse_all(corpus_paths(args.only), cfg)
    words = sum(1 for _, a in docs for t in a.tokens if t.is_word)
    print(f"{len(docs)} documents, {words:,} words")
    print(f"NLP stage (tag, morph, lemma; no parser): {nlp_seconds:.2f} s CPU, {words / nlp_seconds:,.0f} words/s")

    timed = TimedParse(backend)
    engine.warm_up(cfg)
    t = time.process_time()
    for doc, analysis in docs:  # first pass: loads word lists and dictionary, runs the parser
        engine.run_rules(doc, analysis, cfg, None, timed)
    first = time.process_time() - t - timed.seconds
    parsed = sum(1 for _, a in docs for s in a.sentences if s.parsed)
    total_sents = sum(len(a.sentences) for _, a in docs)
    print(f"parser on {parsed:,} of {total_sents:,} sentences: {timed.seconds:.2f} s CPU")
    print(f"rule stage, first pass (caches filling): {first:.2f} s CPU, {words / first:,.0f} words/s")

    spent_per_pass: list[dict[str, float]] = []
    totals = []
    timed_rules(registry().values(), spent := {})
    for _ in range(args.repeat):
        spent.clear()
        t = time.process_time()
        for doc, analysis in docs:
            engine.run_rules(doc, analysis, cfg, None, timed)
        totals.append(time.process_time() - t)
        spent_per_pass.append(dict(spent))
    best = min(range(len(totals)), key=totals.__getitem__)
    total, per_rule = totals[best], spent_per_pass[best]
    verdict = "ok" if words / total >= TARGET else "BELOW TARGET"
    print(f"rule stage, best of {args.repeat}: {total:.3f} s CPU, {words / total:,.0f} words/s "
          f"(target {TARGET:,}: {verdict}); median {sorted(totals)[len(totals) // 2]:.3f} s")
    overhead = total - sum(per_rule.values())
    print("\n  rule    CPU s    share     words/s")
    for rule_id, s in sorted(per_rule.items(), key=lambda kv: -kv[1]):
        rate = f"{words / s:>12,.0f}" if s else "         inf"
        print(f"  {rule_id}  {s:7.3f}  {s / total:6.1%}  {rate}")
    print(f"  engine  {overhead:7.3f}  {overhead / total:6.1%}  (profile, suppressions, metrics, outline)")

    if args.profile_out:
        import cProfile

        prof = cProfile.Profile()
        prof.enable()
        for doc, analysis in docs:
            engine.run_rules(doc, analysis, cfg, None, timed)
        prof.disable()
        prof.dump_stats(args.profile_out)
        print(f"\ncProfile of one pass written to {args.profile_out}")
    if args.long_block:
        long_block(docs, args.long_block, cfg, backend)
    return 0


if __name__ == "__main__":
    sys.exit(main())
