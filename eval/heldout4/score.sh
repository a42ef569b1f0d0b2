#!/usr/bin/env bash
# Score the extractor on held-out set 4. Run from anywhere:
#   eval/heldout4/score.sh [--show-errors]
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/reply-extractor batch eval/heldout4/corpus --out "$tmp" --no-index
python3 ../shared/eval/score.py --gold eval/heldout4/gold --pred "$tmp" "$@"
