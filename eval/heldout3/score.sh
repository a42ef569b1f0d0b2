#!/usr/bin/env bash
# Score the extractor on held-out set 3. Run from the project root:
#   eval/heldout3/score.sh [--show-errors]
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/reply-extractor batch eval/heldout3/corpus --out "$tmp" --no-index
python3 ../shared/eval/score.py --gold eval/heldout3/gold --pred "$tmp" "$@"
