#!/usr/bin/env bash
# Score the extractor on one of the project's held-out sets. Run from anywhere:
#   eval/score.sh heldout3 [--show-errors] [--json]
# Batches eval/SET/corpus into a temporary folder (no index) and scores it with
# the shared score.py against eval/SET/gold.
set -eu
set_name=${1:?usage: eval/score.sh SET [score.py options]}
shift
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/reply-extractor batch "eval/$set_name/corpus" --out "$tmp" --no-index >/dev/null || true
python3 ../shared/eval/score.py --gold "eval/$set_name/gold" --pred "$tmp" "$@"
