"""Speed of the NLP stage: words/s with 1 and 2 processes, the parser's cost, cold start, peak RSS.

Text: corpora/**/*.txt and ../shared/corpus/*.txt (paragraphs as blocks), repeated until about
--words words; without any corpus, sentences from the Talbanken dev file.
Target (issue 3): >= 30,000 words/s per process for tokens, tags, morphology and lemmas.

Usage: python benchmarks/nlp_speed.py [--backend embedded] [--words 100000]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from klarsprak.model import Block, BlockKind, Document, Place  # noqa: E402


def corpus_texts() -> list[str]:
    paths = sorted((ROOT / "corpora").glob("**/*.txt")) + sorted((ROOT.parent / "shared" / "corpus").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths if p.name.lower() != "readme.txt"]
    if texts:
        return texts
    dev = ROOT.parent / "shared" / "ud" / "talbanken" / "sv_talbanken-ud-dev.conllu"
    lines = [ln[len("# text = "):] for ln in dev.read_text(encoding="utf-8").splitlines() if ln.startswith("# text = ")]
    return [" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]


def documents(target_words: int) -> list[Document]:
    docs, words, texts = [], 0, corpus_texts()
    while words < target_words:
        for text in texts:
            paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
            blocks = [Block(index=i, kind=BlockKind.PARAGRAPH, text=p, place=Place()) for i, p in enumerate(paragraphs)]
            doc = Document(path=None, format="txt", blocks=blocks)
            docs.append(doc)
            words += doc.word_count()
            if words >= target_words:
                break
    return docs


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(spec: str, docs: list[Document], parse: bool) -> dict:
    from klarsprak.nlp import load_backend

    backend = load_backend(spec)
    backend.analyse(docs[0])  # warm up
    words = sum(d.word_count() for d in docs)
    started, cpu = time.perf_counter(), time.process_time()
    analyses = [backend.analyse(d) for d in docs]
    tagging, tagging_cpu = time.perf_counter() - started, time.process_time() - cpu
    tokens = sum(len(a.tokens) for a in analyses)
    # CPU time as well as wall time: on a shared machine the wall figure mostly measures the neighbours
    result = {"words": words, "tokens": tokens, "tag_seconds": tagging, "tag_cpu_seconds": tagging_cpu}
    if parse:
        started = time.perf_counter()
        for a in analyses:
            backend.parse(a, [s.i for s in a.sentences])
        result["parse_seconds"] = time.perf_counter() - started
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def _worker(args) -> dict:
    spec, docs = args
    return run(spec, docs, parse=False)


def cold_start(spec: str) -> float:
    code = f"from klarsprak.nlp import load_backend; load_backend({spec!r})"
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - started)
    return best


def cli_cold_start() -> tuple[str, float] | None:
    """`klarsprak check` on the smallest corpus text: the whole cold path a user waits for."""
    texts = sorted((ROOT / "corpora").glob("**/*.txt"), key=lambda p: p.stat().st_size)
    if not texts:
        return None
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "klarsprak", "check", str(texts[0])], capture_output=True)
        best = min(best, time.perf_counter() - started)
    return texts[0].name, best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", default="embedded")
    ap.add_argument("--words", type=int, default=100_000)
    args = ap.parse_args()
    docs = documents(args.words)

    print(f"cold start (import + load, best of 3): {cold_start(args.backend):.2f} s")
    cli = cli_cold_start()
    if cli:
        print(f"cold start of `klarsprak check {cli[0]}` (best of 3): {cli[1]:.2f} s")
    one = run(args.backend, docs, parse=True)
    print(f"1 process: {one['words']} words ({one['tokens']} tokens) in {one['tag_seconds']:.1f} s -> "
          f"{one['words'] / one['tag_seconds']:,.0f} words/s, {one['tokens'] / one['tag_seconds']:,.0f} tokens/s "
          f"(tokens, tags, morphology, lemmas, sentences, passive); by CPU time {one['words'] / one['tag_cpu_seconds']:,.0f} words/s")
    print(f"parser on every sentence: +{one['parse_seconds']:.1f} s -> "
          f"{one['words'] / one['parse_seconds']:,.0f} words/s for parsing alone; "
          f"tagging+parsing {one['words'] / (one['tag_seconds'] + one['parse_seconds']):,.0f} words/s")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"peak RSS (1 process, after tagging and parsing): {one['peak_rss_mb']:.0f} MB")

    halves = [docs[0::2], docs[1::2]]
    ctx = mp.get_context("spawn")
    started = time.perf_counter()
    with ctx.Pool(2) as pool:
        results = pool.map(_worker, [(args.backend, h) for h in halves])
    wall = time.perf_counter() - started
    words = sum(r["words"] for r in results)
    per = [r["words"] / r["tag_seconds"] for r in results]
    print(f"2 processes: {words / wall:,.0f} words/s overall incl. start-up ({wall:.1f} s wall); "
          f"per process {per[0]:,.0f} and {per[1]:,.0f} words/s; peak RSS {max(r['peak_rss_mb'] for r in results):.0f} MB each")


if __name__ == "__main__":
    main()
