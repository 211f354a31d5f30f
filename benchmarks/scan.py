"""Speed and memory of ``klarsprak scan`` on >= 1,000 varied documents.

Documents are generated from corpora/beslut/txt into a temporary folder: names, amounts, dates,
case numbers and personnummer are replaced, sentences of long paragraphs are shuffled, paragraphs
dropped or borrowed from another document, and a quarter are written as .docx (python-docx). No
two documents are byte-identical (checked).

Measured (each run is the real CLI in a subprocess, run from a snapshot of the code taken at the
start, see ``snapshot``; RSS is summed over its whole process tree, sampled every 0.2 s from /proc):
  - documents/s and words/s, cold (empty cache), with 1 and with 2 jobs;
  - peak RSS, and the peak in each quarter of the run: flat quarters mean memory does not grow
    with the number of documents;
  - a warm re-scan (2 jobs, same cache; three runs, the median counts) and its speed-up over the
    cold 2-job run, in wall-clock and in CPU time;
  - the CPU seconds of each run (the CLI and its workers): with 2 jobs about the same CPU as with
    1 means no parallel overhead, so a speed-up below 2 x is the machine's other load.
Targets (issue 7): 2 jobs >= 1.7 x 1 job; peak RSS independent of the number of documents; warm
re-scan >= 20 x faster than cold. The machine's load average is printed before and after.

Usage: python benchmarks/scan.py [--documents 1000] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from klarsprak.scan.wordings import sentence_spans  # noqa: E402

FIRST = ["Amina", "Erik", "Sara", "Johan", "Fatima", "Lars", "Maria", "Ahmed", "Karin", "Oskar", "Leila", "Anders", "Elin", "Yusuf"]
LAST = ["Haddad", "Johansson", "Lind", "Berg", "Nilsson", "Ali", "Holm", "Karlsson", "Ek", "Osman", "Sandberg", "Wikström"]
MONTHS = ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"]
_NAME = re.compile(r"\b[A-ZÅÄÖ][a-zåäö]{2,} [A-ZÅÄÖ][a-zåäö]{2,}\b")
_DATE = re.compile(r"\b20\d\d-\d\d-\d\d\b")
_AMOUNT = re.compile(r"\b\d[\d ]*(?= kr\b)")
_DNR = re.compile(r"\b(SN|IFO) 20\d\d/\d+\b")
_PNR = re.compile(r"\b(19|20)\d{6}-\d{4}\b")
_LONG_DATE = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")\b")


def _vary(text: str, rng: random.Random, others: list[str]) -> str:
    text = _NAME.sub(lambda m: f"{rng.choice(FIRST)} {rng.choice(LAST)}" if rng.random() < 0.7 else m.group(0), text)
    text = _DATE.sub(lambda m: f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", text)
    text = _AMOUNT.sub(lambda m: f"{rng.randint(300, 15000)}", text)
    text = _DNR.sub(lambda m: f"{m.group(1)} 2025/{rng.randint(10, 9999)}", text)
    text = _PNR.sub(lambda m: f"19{rng.randint(40, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}-{rng.randint(1000, 9999)}", text)
    text = _LONG_DATE.sub(lambda m: f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", text)
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        spans = sentence_spans(block) if "\n" not in block else []
        if len(spans) >= 3 and rng.random() < 0.4:
            sentences = [block[s:e] for s, e in spans]
            rng.shuffle(sentences)
            block = " ".join(sentences)
        out.append(block)
    body = [i for i, b in enumerate(out) if len(b.split()) > 12]
    if body and rng.random() < 0.35:
        del out[rng.choice(body)]
    if rng.random() < 0.35:
        donor = [b for b in rng.choice(others).split("\n\n") if len(b.split()) > 12]
        if donor:
            out.insert(rng.randint(1, len(out)), rng.choice(donor))
    return "\n\n".join(out) + "\n"


def _write_docx(text: str, path: Path) -> None:
    from docx import Document

    doc = Document()
    for block in text.split("\n\n"):
        block = block.strip()
        if not block:
            continue
        if len(block.split()) <= 6 and not block.endswith((".", ":")) and "\n" not in block:
            doc.add_heading(block, level=2)
        else:
            for line in block.split("\n"):
                doc.add_paragraph(line)
    doc.core_properties.author = "klarsprak benchmark"
    doc.save(str(path))


def generate(folder: Path, count: int) -> int:
    sources = sorted((ROOT / "corpora" / "beslut" / "txt").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in sources]
    digests = set()
    for i in range(count):
        k = i % len(sources)
        for attempt in range(100):  # vary again until the text is new
            rng = random.Random(i * 1000 + attempt)
            text = _vary(texts[k], rng, texts)
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest not in digests:
                break
        digests.add(digest)
        sub = folder / ("mallar" if "mall" in sources[k].stem else "brev") / f"{i // 250:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        stem = f"{i:05d}-{sources[k].stem}"
        if i % 4 == 3:
            _write_docx(text, sub / f"{stem}.docx")
        else:
            (sub / f"{stem}.txt").write_text(text, encoding="utf-8")
    return len(digests)


# --- measuring -------------------------------------------------------------------------------------


def _tree_rss_mb(root: int) -> float:
    """RSS of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as fh:
                    fields = fh.read().rsplit(b")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        for child, parent in parents.items():
            if parent == pid and child not in tree:
                tree.add(child)
                frontier.append(child)
    total = 0
    page = os.sysconf("SC_PAGE_SIZE")
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1]) * page
        except (OSError, ValueError, IndexError):
            pass
    return total / 1e6


def snapshot(folder: Path) -> Path:
    """A copy of the code and rule files as they are now, to run every measured scan from.

    Other sessions edit this checkout while the benchmark runs; a cache key holds a digest of the
    code, so one edit between the cold and the warm run would make the "warm" run cold (and the
    runs would measure different code). Returns the folder to put on PYTHONPATH."""
    shutil.copytree(ROOT / "src" / "klarsprak", folder / "src" / "klarsprak", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "rules", folder / "rules")  # found next to src/, as in a checkout
    return folder / "src"


def run(args: list[str], cwd: Path, code: Path) -> dict:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(code)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "klarsprak", "scan", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.perf_counter() - started, _tree_rss_mb(proc.pid)))
            stop.wait(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    thread.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the CLI and the workers it waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    quarters = [max((mb for t, mb in samples if q * seconds / 4 <= t < (q + 1) * seconds / 4), default=0.0) for q in range(4)]
    status = [ln for ln in stderr.splitlines() if "från cachen" in ln]
    return {"seconds": seconds, "cpu": cpu, "peak_mb": max((mb for _, mb in samples), default=0.0), "quarters_mb": quarters,
            "code": proc.returncode, "status": status[-1] if status else stderr.strip()[-300:]}


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--keep", type=Path, default=None, help="generate into this folder and keep it")
    opts = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="klarsprak-bench-"))
    docs = (opts.keep or work / "dokument")
    try:
        if not docs.exists() or not any(docs.rglob("*.*")):
            t = time.perf_counter()
            distinct = generate(docs, opts.documents)
            print(f"generated {opts.documents} documents ({distinct} distinct texts) in {time.perf_counter() - t:.1f} s -> {docs}")
        code = snapshot(work / "snapshot")
        print(f"load average before: {load()}  (cores: {os.cpu_count()})")
        results = {}
        runs = [("cold, 1 job", 1, "c1"), ("cold, 2 jobs", 2, "c2")] + [(f"warm {i}, 2 jobs", 2, "c2") for i in (1, 2, 3)]
        for n, (name, jobs, cache) in enumerate(runs):
            out = work / f"run{n}.json"
            r = run([str(docs), "--jobs", str(jobs), "--cache", str(work / cache), "--format", "json", "-o", str(out)], work, code)
            summary = json.loads(out.read_text(encoding="utf-8"))["summary"] if out.exists() else {}
            r["documents"], r["words"] = summary.get("documents", 0), summary.get("words", 0)
            results[name] = r
            quarters = " / ".join(f"{q:.0f}" for q in r["quarters_mb"])
            print(
                f"{name:13s}: {r['seconds']:7.2f} s (CPU {r['cpu']:.2f} s)  {r['documents'] / r['seconds']:7.1f} documents/s  "
                f"{r['words'] / r['seconds']:9.0f} words/s  peak RSS {r['peak_mb']:.0f} MB (per quarter: {quarters})  "
                f"exit {r['code']}  [{r['status']}]  load {load()}"
            )
        one, two = results["cold, 1 job"], results["cold, 2 jobs"]
        # The median of three warm runs: one run of a second is at the mercy of the machine's other load.
        warm = sorted((results[f"warm {i}, 2 jobs"] for i in (1, 2, 3)), key=lambda r: r["seconds"])[1]
        outputs = {(work / f"run{n}.json").read_bytes() for n in range(len(runs))}
        print(f"2 jobs vs 1 job: {one['seconds'] / two['seconds']:.2f} x   (target >= 1.7; CPU {two['cpu'] / one['cpu']:.2f} x the 1-job CPU)")
        print(
            f"warm re-scan speed-up: {two['seconds'] / warm['seconds']:.1f} x wall (median of 3 warm runs; target >= 20), "
            f"{two['cpu'] / warm['cpu']:.1f} x CPU"
        )
        print(f"JSON byte-identical (cold 1 job, cold 2 jobs, 3 x warm): {len(outputs) == 1}")
        print(f"load average after: {load()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
