"""Placeholder extractor: mentions."""
from __future__ import annotations


def extract(doc, reply):
    return [] if "mentions" != "meta" else __import__("reply_extractor.record", fromlist=["Meta"]).Meta()
