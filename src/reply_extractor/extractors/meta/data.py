"""The rule table of the meta extractors (data/meta.toml) and its compiled patterns."""
from __future__ import annotations

import re
from functools import cache

from ...rules import load as load_rules


def rules() -> dict:
    return load_rules("meta")


@cache
def pattern(p: str) -> re.Pattern:
    return re.compile(p)
