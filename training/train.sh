#!/bin/sh
# Reproduce the shipped pipeline: convert the treebanks, train on one core, package into the wheel.
# Usage: sh training/train.sh [RUN_NAME]   (from the repository root; ~30-40 min on one CPU core)
set -eu
RUN=${1:-main}
PY=${PYTHON:-.venv/bin/python}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
$PY training/convert.py
$PY -m spacy train training/config.cfg --output "training/runs/$RUN" --system.seed 0
$PY training/package.py "training/runs/$RUN/model-best"
$PY training/evaluate.py
