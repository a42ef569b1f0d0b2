#!/usr/bin/env bash
# Score the extractor on the held-out set (replies it was never developed against).
# Usage, from anywhere: eval/heldout/score.sh [--show-errors] [--json]
set -eu
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/reply-extractor batch eval/heldout/corpus --out "$tmp" --no-index >/dev/null
python3 ../shared/eval/score.py --gold eval/heldout/gold --pred "$tmp" "$@"
