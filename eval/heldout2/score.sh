#!/usr/bin/env bash
# Score the second held-out set. Run from the project root:
#   eval/heldout2/score.sh [--show-errors]
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/reply-extractor batch eval/heldout2/corpus --out "$tmp" --no-index >/dev/null
python3 ../shared/eval/score.py --gold eval/heldout2/gold --pred "$tmp" "$@"
