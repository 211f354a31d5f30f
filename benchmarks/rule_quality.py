#!/usr/bin/env python3
"""Precision and recall per rule and per rule family on the annotated evaluation set.

The set is ``corpora/eval/*.txt``: texts the project writes, with the expected findings marked inline::

    %% profile: beslut
    %% expect: KS403 KS406
    Vi har [[erhållit]]{KS101} din ansökan.

- ``[[words]]{KS101}`` (or ``{KS101,KS204}``) marks a span a rule must flag.
- ``%% profile: NAME`` lints the file with that profile; ``%% expect: KS403 ...`` lists
  document-level expectations. Lines starting with ``%% `` are removed before linting.
- Per family (the quality bar), a finding counts as right when it overlaps an annotation of any
  rule of its own family; per rule, only of its own rule.
- Structure and metric rules (KS4xx, KS7xx) are scored per document (does the rule fire at all?),
  and only in files that take part in that evaluation by having an ``%% expect:`` line (an empty
  one means "no document-level findings expected"); every other rule is scored per span: a finding
  that overlaps no annotation of its rule is a false positive.

Usage::

    python benchmarks/rule_quality.py                 # every rule, every file
    python benchmarks/rule_quality.py --rules KS101,KS102 --show
    python benchmarks/rule_quality.py --json out.json
    python benchmarks/rule_quality.py --dir corpora/eval-heldout   # the held-out set
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL_DIR = ROOT / "corpora" / "eval"

ANNOTATION = re.compile(r"\[\[(.+?)\]\]\{(KS\d{3}(?:\s*,\s*KS\d{3})*)\}", re.S)
DIRECTIVE = re.compile(r"^%% (\w[\w-]*):\s*(.*)$")
DOC_LEVEL_PREFIXES = ("KS4", "KS7")

FAMILIES = {
    "KS10": "ord (begripligt)",
    "KS20": "meningar (enkelt)",
    "KS30": "ton och tilltal (begripligt)",
    "KS40": "struktur",
    "KS50": "form (vårdat)",
    "KS60": "mallar",
    "KS70": "mått",
}


def family_of(rule: str) -> str:
    return FAMILIES.get(rule[:4], rule[:4])


def is_doc_level(rule: str) -> bool:
    return rule.startswith(DOC_LEVEL_PREFIXES)


@dataclass
class EvalText:
    path: Path
    text: str
    profile: str | None
    expected_doc: set[str]
    scores_doc_level: bool  # the file has an ``%% expect:`` line
    spans: list[tuple[int, int, frozenset[str]]]  # (start, end, rules) in `text`


def parse_eval_file(path: Path) -> EvalText:
    """Strip directives and inline annotations; keep the expected spans in the stripped text."""
    profile = None
    expected_doc: set[str] = set()
    scores_doc_level = False
    kept_lines = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        m = DIRECTIVE.match(line.rstrip("\n"))
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "profile":
                profile = value or None
            elif key == "expect":
                scores_doc_level = True
                expected_doc |= set(re.findall(r"KS\d{3}", value))
            continue
        kept_lines.append(line)
    raw = "".join(kept_lines)
    out, spans, pos = [], [], 0
    length = 0
    for m in ANNOTATION.finditer(raw):
        before = raw[pos : m.start()]
        out.append(before)
        length += len(before)
        words = m.group(1)
        rules = frozenset(r.strip() for r in m.group(2).split(","))
        spans.append((length, length + len(words), rules))
        out.append(words)
        length += len(words)
        pos = m.end()
    out.append(raw[pos:])
    return EvalText(path=path, text="".join(out), profile=profile, expected_doc=expected_doc, scores_doc_level=scores_doc_level, spans=spans)


def absolute_span(document, finding) -> tuple[int, int] | None:
    """Map a finding (block offsets) to offsets in the source text via the block's line/column map."""
    loc = finding.location
    if loc.block < 0 or document.source_text is None:
        return None
    block = document.blocks[loc.block]
    starts = _line_starts(document.source_text)
    first = block.locate(loc.start)
    last = block.locate(max(loc.start, loc.end - 1))
    if first.line is None or first.column is None or last.line is None or last.column is None:
        return None
    return starts[first.line - 1] + first.column - 1, starts[last.line - 1] + last.column


@lru_cache(maxsize=64)
def _line_starts(text: str) -> list[int]:
    return [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


def evaluate(files: list[Path], only: set[str] | None = None) -> dict[str, Score]:
    from klarsprak import api

    scores: RuleScores = RuleScores(Score)
    by_family = scores.by_family
    for path in files:
        ev = parse_eval_file(path)
        result = api.lint_text(ev.text, profile=ev.profile, name=str(path))
        if result.errors:
            raise SystemExit(f"{path}: {'; '.join(result.errors)}")
        findings = [f for f in result.findings if only is None or f.rule in only]
        rel = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        # document-level rules: presence per document
        fired_doc = {f.rule for f in findings if is_doc_level(f.rule)}
        doc_rules = fired_doc | {r for r in ev.expected_doc if only is None or r in only}
        for rule in doc_rules if ev.scores_doc_level else ():
            if not is_doc_level(rule):
                continue
            s, fam = scores[rule], by_family[family_of(rule)]
            if rule in fired_doc and rule in ev.expected_doc:
                s.tp += 1
                fam.tp += 1
            elif rule in fired_doc:
                s.fp += 1
                fam.fp += 1
                msgs = "; ".join(f.message for f in findings if f.rule == rule)[:200]
                s.false_positives.append(f"{rel}: {msgs}")
            else:
                s.fn += 1
                fam.fn += 1
                s.misses.append(f"{rel}: förväntat {rule}")
        # span-level rules
        located = [(f, absolute_span(result.document, f)) for f in findings if not is_doc_level(f.rule)]
        for start, end, rules in ev.spans:
            for rule in rules:
                if is_doc_level(rule) or (only is not None and rule not in only):
                    continue
                hit = any(f.rule == rule and span and span[0] < end and start < span[1] for f, span in located)
                if not hit:
                    scores[rule].fn += 1
                    scores[rule].misses.append(f"{rel}: [[{ev.text[start:end]}]]")
        for f, span in located:
            ok = span is not None and any(
                f.rule in rules and span[0] < end and start < span[1] for start, end, rules in ev.spans
            )
            if ok:
                scores[f.rule].tp += 1
            else:
                scores[f.rule].fp += 1
                scores[f.rule].false_positives.append(f"{rel}: ”{f.text}” — {f.message}")
        _score_families(ev, only, located, by_family)
    return scores


class RuleScores(defaultdict):
    """Scores per rule, plus ``by_family``: the same findings matched per rule family."""

    def __init__(self, *args):
        super().__init__(*args)
        self.by_family: dict[str, Score] = defaultdict(Score)


def _score_families(ev: EvalText, only, located, by_family: dict[str, Score]) -> None:
    """Span-level findings per family: one that overlaps an annotation of another rule of its own
    family ("såsom" flagged as archaic, KS102, where the annotator wrote difficult word, KS101) is
    right for the family, which is what the quality bar is set for."""
    for start, end, rules in ev.spans:
        for fam in {family_of(r) for r in rules if not is_doc_level(r) and (only is None or r in only)}:
            if not any(family_of(f.rule) == fam and span and span[0] < end and start < span[1] for f, span in located):
                by_family[fam].fn += 1
    for f, span in located:
        fam = family_of(f.rule)
        ok = span is not None and any(
            fam in {family_of(r) for r in rules} and span[0] < end and start < span[1] for start, end, rules in ev.spans
        )
        if ok:
            by_family[fam].tp += 1
        else:
            by_family[fam].fp += 1


def families(scores: dict[str, Score]) -> dict[str, Score]:
    """Per family: matched per family when ``evaluate`` made ``scores``, else the rules' sums."""
    if isinstance(scores, RuleScores):
        return dict(scores.by_family)
    out: dict[str, Score] = defaultdict(Score)
    for rule, s in scores.items():
        out[family_of(rule)].add(s)
    return dict(out)


def render(scores: dict[str, Score]) -> str:
    lines = [f"{'regel':<26} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}"]
    for rule in sorted(scores):
        s = scores[rule]
        lines.append(f"{rule:<26} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.2f} {s.recall:>7.2f}")
    lines.append("")
    for fam, s in sorted(families(scores).items()):
        lines.append(f"{fam:<26} {s.tp:>4} {s.fp:>4} {s.fn:>4} {s.precision:>9.2f} {s.recall:>7.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rules", help="kommaseparerade regel-id att utvärdera (standard: alla)")
    ap.add_argument("--dir", default=str(EVAL_DIR), help="mapp med utvärderingsfiler (standard: corpora/eval)")
    ap.add_argument("--files", default="*.txt", help="glob under --dir (standard: *.txt)")
    ap.add_argument("--show", action="store_true", help="visa falska larm och missar")
    ap.add_argument("--json", dest="json_out", help="skriv resultatet som JSON till filen")
    args = ap.parse_args(argv)
    only = {r.strip().upper() for r in args.rules.split(",")} if args.rules else None
    eval_dir = Path(args.dir) if Path(args.dir).is_absolute() else ROOT / args.dir
    files = sorted(eval_dir.glob(args.files))
    if not files:
        print(f"inga utvärderingsfiler i {eval_dir} ({args.files})", file=sys.stderr)
        return 2
    scores = evaluate(files, only)
    print(f"{len(files)} filer i {eval_dir.relative_to(ROOT) if eval_dir.is_relative_to(ROOT) else eval_dir}")
    print(render(scores))
    if args.show:
        for rule in sorted(scores):
            s = scores[rule]
            for fp in s.false_positives:
                print(f"FP {rule} {fp}")
            for miss in s.misses:
                print(f"FN {rule} {miss}")
    if args.json_out:
        data = {
            "rules": {r: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall} for r, s in scores.items()},
            "families": {f: {"tp": s.tp, "fp": s.fp, "fn": s.fn, "precision": s.precision, "recall": s.recall} for f, s in families(scores).items()},
        }
        Path(args.json_out).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
