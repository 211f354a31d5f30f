"""Cold start of the command line: ``klarsprak check`` on one small .txt file in a fresh process.

Prints, each as the median of --runs fresh processes, wall time and CPU time (user + system; on a
loaded machine the CPU time is the figure to compare with the target, wall time the one users see):
- ``klarsprak check -q FILE`` (target issue 3: < 1.5 s),
- ``klarsprak --help`` and ``klarsprak rules`` (must not import spaCy: checked with -X importtime),
and, in one more fresh process, where the time of a check goes: importing the CLI, importing spaCy,
loading the model, warming up (word lists, dictionaries, lemma tables), checking the file; then the
slowest imports of ``klarsprak check`` (python -X importtime, cumulative).

Usage: python benchmarks/cold_start.py [--runs 5] [--file corpora/beslut/txt/01-beviljas-klarsprak.txt]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TARGET = 1.5
DEFAULT_FILE = ROOT / "corpora" / "beslut" / "txt" / "01-beviljas-klarsprak.txt"

STAGES = r"""
import sys, time
stamps = []
def mark(label):
    stamps.append((label, time.perf_counter(), time.process_time()))
mark("start")
import klarsprak.cli
mark("import klarsprak.cli")
from klarsprak.nlp.spacy_import import spacy  # as klarsprak imports it: without spacy.cli
mark("import spacy")
from klarsprak import nlp
from klarsprak.config import config_for
cfg = config_for(sys.argv[1])
nlp.load_backend(cfg.backend)
mark("load model")
from klarsprak.checks import engine
engine.warm_up(cfg)
mark("warm up (rules, word lists, dictionaries)")
from klarsprak import api
api.lint_file(sys.argv[1])
mark("check the file")
for (_, w0, c0), (label, w1, c1) in zip(stamps, stamps[1:]):
    print(f"{label}\t{w1 - w0:.3f}\t{c1 - c0:.3f}")
"""


def timed_run(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one fresh process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, _, usage = os.wait4(proc.pid, 0)
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def median_run(argv: list[str], runs: int) -> tuple[float, float]:
    results = [timed_run(argv) for _ in range(runs)]
    return statistics.median(r[0] for r in results), statistics.median(r[1] for r in results)


def imports(args: list[str]) -> list[tuple[int, str]]:
    """(cumulative µs, module) for every module ``python -X importtime -m klarsprak ARGS`` imports."""
    proc = subprocess.run([PYTHON, "-X", "importtime", "-m", "klarsprak", *args], cwd=ROOT,
                          capture_output=True, text=True)
    out = []
    for line in proc.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "cumulative" not in line:
            _, cumulative, name = line[len("import time:"):].split("|")
            out.append((int(cumulative), name.rstrip()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--file", default=str(DEFAULT_FILE))
    args = ap.parse_args()
    exe = [PYTHON, "-m", "klarsprak"]
    with open("/proc/loadavg") if Path("/proc/loadavg").exists() else open(os.devnull) as f:
        print(f"load average: {f.read().strip() or 'unknown'}; {os.cpu_count()} CPUs")

    wall, cpu = median_run([*exe, "check", "-q", args.file], args.runs)
    verdict = "ok" if cpu < TARGET else "ABOVE TARGET"
    print(f"klarsprak check -q {Path(args.file).name}: median wall {wall:.2f} s, CPU {cpu:.2f} s "
          f"(target < {TARGET} s: {verdict}; {args.runs} runs)")
    for command in (["--help"], ["rules"]):
        wall, cpu = median_run([*exe, *command], args.runs)
        spacy = any(name.strip() == "spacy" for _, name in imports(command))
        print(f"klarsprak {' '.join(command)}: median wall {wall:.2f} s, CPU {cpu:.2f} s; "
              f"imports spaCy: {'YES' if spacy else 'no'}")

    print("\nwhere a check's time goes (one fresh process; wall s, CPU s):")
    proc = subprocess.run([PYTHON, "-c", STAGES, args.file], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        print(proc.stderr.strip().splitlines()[-1])
    for line in proc.stdout.splitlines():
        label, w, c = line.split("\t")
        print(f"  {label:<45} {float(w):6.2f} {float(c):6.2f}")

    print("\nslowest imports of 'klarsprak check' (cumulative, python -X importtime):")
    top = [(us, name) for us, name in imports(["check", "-q", args.file]) if name.count(" ") <= 4]
    for us, name in sorted(top, reverse=True)[:15]:
        print(f"  {us / 1e6:6.3f} s  {name.strip()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
