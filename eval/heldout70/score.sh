#!/usr/bin/env bash
# Score the extractor on this held-out set: eval/heldout70/score.sh [--show-errors] [--json]
exec "$(dirname "$0")/../score.sh" heldout70 "$@"
