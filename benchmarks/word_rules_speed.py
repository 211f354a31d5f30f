"""Speed of the word and form rules KS104-KS106, KS501-KS503 and of the spelling dictionary.

Prints:
- loading sv_SE with klarsprak's fast loader and with spylls' own reader (seconds),
- dictionary lookups per second,
- each rule's throughput (words/s of CPU time, after annotation) on corpora/**/*.txt and
  ../shared/corpus/*.txt: with a cold spelling cache (first run on a machine) and a warm one.
Target (issue 4): the whole rule stage >= 50,000 words/s after annotation.

The spelling cache goes to a temporary folder, so the user's cache is never touched.

Usage: python benchmarks/word_rules_speed.py [--rules KS104,KS105,KS106,KS501,KS502,KS503]
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

RULES = "KS104,KS105,KS106,KS501,KS502,KS503"


def corpus_paths() -> list[Path]:
    paths = sorted((ROOT / "corpora").glob("**/*.txt")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
    return [p for p in paths if p.name.lower() != "readme.txt"]


def dictionary_figures() -> None:
    from spylls.hunspell import Dictionary

    from klarsprak.checks.speller import Speller, dictionary_base

    t, c = time.perf_counter(), time.process_time()
    fast = Speller(dictionary_base())
    fast_s, fast_cpu = time.perf_counter() - t, time.process_time() - c
    t, c = time.perf_counter(), time.process_time()
    Dictionary.from_files(str(dictionary_base()))
    stock_s, stock_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"load sv_SE: fast loader {fast_cpu:.2f} s CPU ({fast_s:.2f} s wall), "
          f"spylls' reader {stock_cpu:.2f} s CPU ({stock_s:.2f} s wall)")
    words = ("försörjningsstöd ansökan handläggaren barnavårdsutredningen ansökkan igentligen "
             "uppväxtvillkoren beslutet överklaga kommunicering verkställigheten socialnämnden").split()
    t = time.process_time()
    for w in words:
        fast.known(w)
    per_word = (time.process_time() - t) / len(words)
    print(f"lookup (first time per word): {per_word * 1000:.2f} ms a word, {1 / per_word:,.0f} words/s")


def rule_figures(rule_ids: list[str]) -> None:
    from klarsprak import extract, nlp
    from klarsprak.checks import spelling_cache
    from klarsprak.checks.base import Context, registry
    from klarsprak.config import Config

    cfg = Config()
    rules = [r for k, r in registry().items() if k in rule_ids]
    backend = nlp.load_backend(cfg.backend)
    docs = []
    words = 0
    for path in corpus_paths():
        try:
            doc = extract.read(str(path), config=cfg)
        except Exception:  # noqa: BLE001 - hostile test files are not benchmark material
            continue
        analysis = backend.analyse(doc)
        words += sum(1 for t in analysis.tokens if t.is_word)
        docs.append((doc, analysis))
    print(f"{len(docs)} documents, {words:,} words")

    def one_pass() -> dict[str, float]:
        spent = {r.id: 0.0 for r in rules}
        for doc, analysis in docs:
            ctx = Context(document=doc, analysis=analysis, config=cfg, profile="beslut")
            for r in rules:
                t = time.process_time()
                for _ in r.check(ctx):
                    pass
                spent[r.id] += time.process_time() - t
        return spent

    for label in ("cold spelling cache", "warm spelling cache"):
        spent = one_pass()
        total = sum(spent.values())
        print(f"\n{label}:")
        for rule_id, s in spent.items():
            print(f"  {rule_id}  {s:6.2f} s  {words / s if s else float('inf'):>12,.0f} words/s")
        print(f"  all    {total:6.2f} s  {words / total if total else float('inf'):>12,.0f} words/s")
        spelling_cache.save()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", default=RULES)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        os.environ["KLARSPRAK_CACHE_DIR"] = cache
        dictionary_figures()
        rule_figures([r.strip().upper() for r in args.rules.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
