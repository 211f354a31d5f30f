"""Accuracy of a klarsprak NLP backend on the held-out UD_Swedish-Talbanken v2 test file.

Prints UPOS, XPOS, UFeats, lemma, UAS/LAS, sentence F and passive P/R/F1.
- tags, lemmas and dependencies are scored on the gold tokens (one document per sentence);
- sentences are scored on raw text: each gold paragraph becomes one Block and the backend's
  tokenizer + sentence splitter run on it (exact span match, as in the CoNLL 2018 evaluation);
  "running" additionally joins each document's paragraphs into one text;
- LAS compares the universal part of the relation (as the CoNLL 2018 script does);
- passive: gold = an s-passive verb form with Voice=Pass (deponent lemmas excluded, since the
  treebank marks them inconsistently); predicted = the backend's passive flag on VB tokens.

Usage: python training/evaluate.py [--backend embedded | --backend spacy:PATH] [--file conllu] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if "klarsprak" not in sys.modules:
    sys.path.append(str(ROOT / "src"))  # a checkout without an installed package

from spacy.tokens import Doc  # noqa: E402

from klarsprak.model import Block, BlockKind, Document, Place  # noqa: E402
from klarsprak.nlp import lemmas, load_backend, passive  # noqa: E402

DEFAULT_TEST = ROOT.parent / "shared" / "ud" / "talbanken" / "sv_talbanken-ud-test.conllu"


def read(path: Path):
    """Sentences as (tokens, meta); a token is a dict of the CoNLL-U columns."""
    sents, toks, meta = [], [], {}
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if toks:
                sents.append((toks, meta))
            toks, meta = [], {}
        elif line.startswith("#"):
            key, _, value = line[1:].partition("=")
            meta[key.strip()] = value.strip()
        else:
            c = line.split("\t")
            if "-" in c[0] or "." in c[0]:
                continue
            toks.append({"form": c[1], "lemma": c[2], "upos": c[3], "xpos": c[4],
                         "feats": "" if c[5] == "_" else c[5], "head": int(c[6]), "dep": c[7],
                         "space": "SpaceAfter=No" not in c[9]})
    return sents


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def feats_set(feats: str) -> frozenset:
    return frozenset(x for x in feats.split("|") if x and x != "_")


def gold_passive(t: dict) -> bool:
    return (t["upos"] in ("VERB", "AUX") and "Voice=Pass" in t["feats"]
            and t["xpos"].startswith("VB") and not passive.is_deponent_form(t["form"], t["lemma"]))


def evaluate(path: Path = DEFAULT_TEST, spec: str = "embedded") -> dict:
    backend = load_backend(spec)
    nlp = backend.nlp
    sents = read(path)
    docs = [Doc(nlp.vocab, words=[t["form"] for t in toks], spaces=[t["space"] for t in toks],
                sent_starts=[True] + [False] * (len(toks) - 1)) for toks, _ in sents]
    started = time.perf_counter()
    keep_off = [n for n in nlp.pipe_names if n == "senter"]
    n = upos = xpos = ufeats = lemma = uas = las = las_full = 0
    tp = fp = fn = 0
    for (toks, _), doc in zip(sents, nlp.pipe(docs, batch_size=256, disable=keep_off)):
        forms = [t.text for t in doc]
        pred_lemmas = [lemmas.choose(t.text, t.pos_, t.lemma_) for t in doc]
        suc = [passive.suc_like(t.pos_, str(t.morph), t.tag_) for t in doc]
        flags = passive.mark_passives(forms, pred_lemmas, [t.pos_ for t in doc], suc)
        for g, p, lem, flag in zip(toks, doc, pred_lemmas, flags):
            n += 1
            upos += g["upos"] == p.pos_
            xpos += g["xpos"] == p.tag_
            ufeats += feats_set(g["feats"]) == feats_set(str(p.morph))
            lemma += g["lemma"].lower() == lem
            head_ok = (g["head"] == 0 and p.head.i == p.i) or (g["head"] - 1 == p.head.i and p.head.i != p.i)
            pdep = "root" if p.dep_ == "ROOT" else p.dep_
            uas += head_ok
            las += head_ok and g["dep"].split(":")[0] == pdep.split(":")[0]
            las_full += head_ok and g["dep"] == pdep
            is_gold = gold_passive(g)
            is_pred = flag and p.tag_.startswith("VB")
            tp += is_gold and is_pred
            fp += is_pred and not is_gold
            fn += is_gold and not is_pred
    seconds = time.perf_counter() - started
    prec, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    result = {
        "backend": backend.info(), "file": str(path), "tokens": n, "sentences": len(sents),
        "UPOS": 100 * upos / n, "XPOS": 100 * xpos / n, "UFeats": 100 * ufeats / n,
        "Lemma": 100 * lemma / n, "UAS": 100 * uas / n, "LAS": 100 * las / n, "LAS_full_labels": 100 * las_full / n,
        "passive_P": 100 * prec, "passive_R": 100 * rec, "passive_F1": 100 * f1(prec, rec),
        "passive_gold": tp + fn, "seconds_tag_parse": seconds,
    }
    result.update(sentence_scores(backend, sents))
    return result


def sentence_scores(backend, sents) -> dict:
    """Sentence F on raw text, with paragraphs as blocks and with whole documents as one text."""
    paragraphs: list[list[str]] = []
    documents: list[list[list[str]]] = []
    for toks, meta in sents:
        if "newdoc id" in meta or not documents:
            documents.append([])
        if "newpar id" in meta or not paragraphs or not documents[-1]:
            paragraphs.append([])
            documents[-1].append(paragraphs[-1])
        paragraphs[-1].append(meta.get("text") or "".join(t["form"] + (" " if t["space"] else "") for t in toks).strip())
    out = {}
    for label, texts in (("paragraphs", [p for p in paragraphs]),
                         ("running", [[s for p in d for s in p] for d in documents])):
        blocks, gold = [], set()
        for b, group in enumerate(texts):
            text, spans = "", []
            for s in group:
                if text:
                    text += " "
                spans.append((len(text), len(text) + len(s)))
                text += s
            blocks.append(Block(index=b, kind=BlockKind.PARAGRAPH, text=text, place=Place()))
            gold.update((b, s, e) for s, e in spans)
        analysis = backend.analyse(Document(path=None, format="txt", blocks=blocks))
        pred = {(s.block, s.start, s.end) for s in analysis.sentences}
        p = len(pred & gold) / max(len(pred), 1)
        r = len(pred & gold) / max(len(gold), 1)
        out[f"sentence_F_{label}"] = 100 * f1(p, r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", default="embedded")
    ap.add_argument("--file", type=Path, default=DEFAULT_TEST)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    result = evaluate(args.file, args.backend)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return
    print(f"{result['backend']}  {result['file']}: {result['sentences']} sentences, {result['tokens']} tokens")
    for key in ("UPOS", "XPOS", "UFeats", "Lemma", "UAS", "LAS", "LAS_full_labels",
                "sentence_F_paragraphs", "sentence_F_running", "passive_P", "passive_R", "passive_F1"):
        print(f"  {key:24s} {result[key]:6.2f}")
    print(f"  passive verbs in gold     {result['passive_gold']}; tag+parse time {result['seconds_tag_parse']:.1f} s")


if __name__ == "__main__":
    main()
