"""Placeholder extractor: rankings."""
from __future__ import annotations


def extract(doc, reply):
    return [] if "rankings" != "meta" else __import__("reply_extractor.record", fromlist=["Meta"]).Meta()
