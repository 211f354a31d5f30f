"""A longer fuzz run than CI's: mutated corpus documents and random texts through the whole pipeline.

    .venv/bin/python benchmarks/fuzz.py                  # 10 minutes, seed 1
    .venv/bin/python benchmarks/fuzz.py --minutes 60 --seed 7 --save /tmp/krascher

Every input must give findings that point inside their block or one clean Swedish error. A crash is
an exception out of the library, a reader bug ("oväntat fel"), a multi-line message or an offset
outside the text; each is saved (with ``--save``) so it can be replayed as a test. Prints the
inputs tried per kind, the outcomes and the crashes.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "corpora" / "hostile"))

from mutate import MUTATORS  # noqa: E402

from klarsprak import api  # noqa: E402
from klarsprak.config import from_mapping  # noqa: E402

WORDS = (
    "Nämnden har beslutat att avslå din ansökan om ekonomiskt bistånd enligt 4 kap. 1 § SoL . , ; : ! ? "
    "Du erhåller icke ersättning då beslutet fattades av handläggaren . Beslutet kan överklagas inom tre veckor "
    "Sökanden skall inkomma med erforderliga underlag avseende hyran 2025-03-12 12 500 kr Amina Haddad "
    "19870412-1115 08-465 004 12 Storgatan 14 731 91 Norrvik Med vänlig hälsning Handläggare - • 1. a) "
    "«Namn» [Datum] {{fält}} ÄRENDE Beslut Bakgrund Skäl the and of"
).split()
ODD = ["\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\u202e", "\ufeff", "\u0301", "🙂", "𝔟", "\x0b", "\x00", "\ud800", "—"]


def random_text(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.4:
        return " ".join(rng.choice(WORDS if rng.random() < 0.85 else ODD) for _ in range(rng.randint(0, 400)))
    if kind < 0.7:
        return "".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(0, 300)))
    return "".join(chr(rng.randint(9, 127)) for _ in range(rng.randint(0, 600)))


def problems(result, text_input: bool) -> list[str]:
    out = []
    for message in (*result.errors, *result.warnings):
        if "\n" in message:
            out.append(f"meddelande på flera rader: {message!r}")
        if "oväntat fel" in message:
            out.append(f"oväntat fel: {message}")
    if result.errors and result.findings:
        out.append("fel och fynd samtidigt")
    if not result.errors and result.document is not None:
        blocks = result.document.blocks
        for f in result.findings:
            loc = f.location
            if loc.block == -1:
                continue
            if not 0 <= loc.block < len(blocks) or not 0 <= loc.start <= loc.end <= len(blocks[loc.block].text):
                out.append(f"position utanför texten: {f.rule} {loc}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--save", type=Path, default=None, help="mapp för indata som kraschade")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    config = from_mapping({"limits": {"max-seconds": 30}})
    sources = {
        "docx": sorted((ROOT / "corpora" / "beslut" / "docx").glob("*.docx")) + sorted((ROOT / "corpora" / "fixtures" / "docx").glob("*.docx")),
        "pdf": sorted((ROOT / "corpora" / "beslut" / "pdf").glob("*.pdf")) + sorted((ROOT / "corpora" / "fixtures" / "pdf").glob("*.pdf")),
        "txt": sorted((ROOT / "corpora" / "beslut" / "txt").glob("*.txt")),
        "md": sorted((ROOT / "corpora" / "fixtures" / "text").glob("*.md")),
    }
    data = {fmt: [p.read_bytes() for p in paths] for fmt, paths in sources.items()}
    tried: Counter = Counter()
    outcomes: Counter = Counter()
    crashes: list[tuple[str, str, bytes]] = []
    work = Path(args.save or "/tmp") / f"fuzz-{args.seed}"
    work.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    end = started + args.minutes * 60
    while time.monotonic() < end:
        kind = rng.choice(["docx", "docx", "pdf", "pdf", "txt", "md", "text"])
        try:
            if kind == "text":
                text = random_text(rng)
                payload = text.encode("utf-8", "surrogatepass")
                result = api.lint_text(text, config=config, fmt=rng.choice(["txt", "md"]))
            else:
                payload = MUTATORS[kind](rng.choice(data[kind]), rng)
                path = work / f"mutant.{kind}"
                path.write_bytes(payload)
                result = api.lint_file(str(path), config=config)
            found = problems(result, kind == "text")
            outcome = "fel" if result.errors else "fynd"
            if result.errors and "max-seconds" in result.errors[0]:
                outcome = "tidsgräns"
        except BaseException as exc:  # noqa: BLE001 - everything that escapes is a crash
            if isinstance(exc, KeyboardInterrupt):
                break
            found = [f"undantag: {type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"]
            outcome = "krasch"
        tried[kind] += 1
        if found:
            outcome = "krasch"
            crashes.append((kind, found[0], payload))
            if args.save:
                (args.save / f"krasch-{len(crashes):03d}.{ 'txt' if kind == 'text' else kind}").write_bytes(payload)
        outcomes[outcome] += 1
    elapsed = time.monotonic() - started
    total = sum(tried.values())
    print(f"fuzz: frö {args.seed}, {elapsed / 60:.1f} minuter, {total} indata ({total / max(elapsed, 1e-9):.1f}/s)")
    for kind in ("docx", "pdf", "txt", "md", "text"):
        print(f"  {kind:5} {tried[kind]:6} indata")
    print("  utfall: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"  krascher: {len(crashes)}")
    for kind, what, _ in crashes[:20]:
        print(f"    [{kind}] {what.splitlines()[0][:200]}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
