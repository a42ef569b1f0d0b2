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


def write_linked_batch(corpus: Path, out: Path) -> Path:
    """Records of every .txt reply in `corpus` written to `out` and linked, as a
    batch would leave them (no index); skips the test when `corpus` is absent."""
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    from reply_extractor.linker import link_directory
    from reply_extractor.pipeline import extract_all
    from reply_extractor.sinks.jsonfile import write_json
    for path in sorted(corpus.glob("*.txt")):
        for reply in extract_all(path):
            write_json(out / f"{reply.doc_id}.json", reply.to_dict())
    link_directory(out)
    return out
