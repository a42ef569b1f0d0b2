"""reply-extractor: structured, linked, searchable data from Chinese government
replies to legislators' suggestions (建议/提案答复)."""
from __future__ import annotations

import importlib

__all__ = ["Block", "Document", "NOT_A_REPLY", "ReadError", "Reply", "extract", "extract_all", "extract_text",
           "is_not_a_reply", "load_frames", "read"]
__version__ = "0.1.0"

# Imported on first use, so `reply-extractor --help`, `search` and `export` do not
# load the extraction pipeline (and its dictionaries) they never call.
_HOME = {"Block": ".document", "Document": ".document", "load_frames": ".frames",
         "extract": ".pipeline", "extract_all": ".pipeline", "extract_text": ".pipeline",
         "NOT_A_REPLY": ".pipeline", "is_not_a_reply": ".pipeline", "ReadError": ".readers",
         "read": ".readers", "Reply": ".record"}


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted([*globals(), *__all__])
