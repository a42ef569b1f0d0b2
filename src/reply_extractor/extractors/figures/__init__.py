"""Figures: stated quantities with exact Decimal values, units, qualifiers,
ranges, what they measure and where they hold.

    scan      finds quantities in running text (quantity: numerals, units and
              bounds; special: 翻一番, 三成, 每百人 …); table reads numeric
              table cells under headers with units
    extract   runs them and attributes each figure: context (metric, direction,
              base), nouns (the noun read after or around a number), period
    region    the place a figure holds for, once mentions are known
    data      the word and unit tables of data/figures.toml
"""
from .extract import extract
from .region import attach_regions

__all__ = ["extract", "attach_regions"]
