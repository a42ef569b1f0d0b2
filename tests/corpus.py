"""Where the test corpora live. The shared gold sets sit beside the checkout
(../shared); tests that read them skip, saying so, when it is absent."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                                  reason="../shared (shared corpus and gold) not present")


def gold_cases(sets=("dev", "real")) -> list:
    """pytest params (reply .txt, its gold .json) for the shared sets."""
    cases = []
    for name in sets:
        for txt in sorted((SHARED / "corpus" / name).glob("*.txt")):
            gold = SHARED / "eval" / name / f"{txt.stem}.gold.json"
            if gold.exists():
                cases.append(pytest.param(txt, gold, id=txt.stem))
    return cases
