"""The rule table of the meta extractors (data/meta.toml) and its compiled patterns."""
from __future__ import annotations

from ...rules import load as load_rules, pattern  # noqa: F401  (pattern: the meta readers' compiled rules)


def rules() -> dict:
    return load_rules("meta")
