"""Reader speed and memory on corpora/: pages per second and peak memory for .docx and .pdf.

    .venv/bin/python benchmarks/extract.py [--repeat 3] [--folder corpora/beslut]

Pages of a .docx are the pages of the PDF LibreOffice made from it (corpora/beslut/pdf/<same
name>.pdf), else the count Word stored in docProps/app.xml, else words / 300. Peak memory is the
largest Python heap (tracemalloc) while reading one file, and the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import re
import resource
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from klarsprak.extract import read  # noqa: E402


def docx_pages(path: Path, words: int) -> int:
    pdf = path.parent.parent / "pdf" / (path.stem + ".pdf")
    if pdf.exists():
        return read(pdf).pages or 1
    try:
        with zipfile.ZipFile(path) as zf:
            m = re.search(rb"<Pages>(\d+)</Pages>", zf.read("docProps/app.xml"))
            if m:
                return int(m.group(1))
    except (KeyError, zipfile.BadZipFile):
        pass
    return max(1, round(words / 300))


def measure(files: list[Path], repeat: int) -> dict:
    pages = 0
    words = 0
    for path in files:
        doc = read(path)
        words += doc.word_count()
        pages += doc.pages if doc.pages else docx_pages(path, doc.word_count())
    start = time.perf_counter()
    for _ in range(repeat):
        for path in files:
            read(path)
    seconds = (time.perf_counter() - start) / repeat
    peak = 0
    for path in files:
        tracemalloc.start()
        read(path)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return {"files": len(files), "pages": pages, "words": words, "seconds": seconds, "peak_mb": peak / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, default=ROOT / "corpora" / "beslut")
    args = parser.parse_args()
    groups = {
        "docx": sorted(args.folder.rglob("*.docx")),
        "pdf": sorted(args.folder.rglob("*.pdf")),
    }
    if not any(groups.values()):
        print(f"inga .docx eller .pdf under {args.folder}", file=sys.stderr)
        return 1
    print(f"{'format':6} {'filer':>5} {'sidor':>6} {'ord':>7} {'s/körning':>10} {'sidor/s':>8} {'ord/s':>8} {'topp MB':>8}")
    for fmt, files in groups.items():
        if not files:
            continue
        r = measure(files, args.repeat)
        print(
            f"{fmt:6} {r['files']:5d} {r['pages']:6d} {r['words']:7d} {r['seconds']:10.3f} "
            f"{r['pages'] / r['seconds']:8.1f} {r['words'] / r['seconds']:8.0f} {r['peak_mb']:8.1f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"processens max RSS: {rss:.0f} MB (Python {sys.version.split()[0]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
