"""Copy a trained pipeline into the package, with the klarsprak tokenizer and metadata.

Usage: python training/package.py training/runs/NAME/model-best [--version 0.1.0]
The result is what ``load_backend("embedded")`` loads: src/klarsprak/nlp/model/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
from klarsprak.nlp.tokenizer import customize  # noqa: E402

TARGET = ROOT / "src" / "klarsprak" / "nlp" / "model"
META = {
    "name": "klarsprak",
    "description": "Swedish pipeline for klarsprak: tokenizer for official text, SUC tagger, UD morphology, "
                   "lemmatizer, dependency parser, sentence splitter. Trained on UD_Swedish-Talbanken "
                   "(UD 1.0 train converted to UD 2, and the UD 2 dev file; never the test file) and "
                   "UD_Swedish-PUD.",
    "license": "CC BY-SA 4.0",
    "author": "klarsprak",
    "sources": [
        {"name": "UD_Swedish-Talbanken", "url": "https://github.com/UniversalDependencies/UD_Swedish-Talbanken",
         "license": "CC BY-SA 4.0", "author": "Nivre, Smith et al.; Talbanken (Einarsson 1976, Lund University)"},
        {"name": "UD_Swedish-PUD", "url": "https://github.com/UniversalDependencies/UD_Swedish-PUD",
         "license": "CC BY-SA 4.0"},
    ],
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("source", type=Path)
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--target", type=Path, default=TARGET)
    args = ap.parse_args()
    nlp = spacy.load(args.source)
    customize(nlp)
    nlp.meta.update(META)
    nlp.meta["version"] = args.version
    nlp.meta.pop("performance", None)
    with tempfile.TemporaryDirectory(dir=args.target.parent) as tmp:
        staged = Path(tmp) / "model"
        nlp.to_disk(staged)
        if args.target.exists():
            shutil.rmtree(args.target)
        staged.rename(args.target)
    size = sum(p.stat().st_size for p in args.target.rglob("*") if p.is_file())
    print(f"packaged {args.source} -> {args.target} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
