#!/usr/bin/env bash
# Score the current extractor on the shared gold sets. Usage: scripts/devscore.sh [--show-errors]
set -eu
cd "$(dirname "$0")/.."
shared=../shared
for set in dev dev-docx real; do
  out=$(mktemp -d)
  .venv/bin/python scripts/predict.py "$shared/corpus/$set" "$out"
  echo "== $set"
  python3 "$shared/eval/score.py" --gold "$shared/eval/$set" --pred "$out" "$@"
  rm -rf "$out"
done
