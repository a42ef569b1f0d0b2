"""Rule tables: the TOML files in data/, each parsed once per process."""
from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources
from typing import Iterable


@cache
def load(name: str) -> dict:
    """The parsed data/<name>.toml ("figures" or "figures.toml"). Shared and
    cached: callers must not modify it."""
    file = name if name.endswith(".toml") else f"{name}.toml"
    return tomllib.loads(resources.files("reply_extractor").joinpath("data", file).read_text("utf-8"))


def longest_first(words: Iterable[str]) -> list[str]:
    """Distinct words, longest first, then in code point order: the same
    order in every process, whatever the order of a set (so that a pattern
    built from them is the same string, and found in patterncache)."""
    return sorted(set(words), key=lambda w: (-len(w), w))


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so 万亿 wins over 万."""
    return "|".join(map(re.escape, longest_first(words)))


def any_of(patterns: Iterable[str]) -> str:
    """A regex matching where any of `patterns` matches (each kept whole in a group)."""
    return "|".join(f"(?:{p})" for p in patterns)


@cache
def pattern(p: str) -> re.Pattern:
    """A rule's pattern compiled once: re.search(p, …) looks `p` up in re's own
    cache on every call, and rules run for every sentence."""
    return re.compile(p)
