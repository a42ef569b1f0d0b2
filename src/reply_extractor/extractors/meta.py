"""Placeholder extractor: meta."""
from __future__ import annotations


def extract(doc, reply):
    return [] if "meta" != "meta" else __import__("reply_extractor.record", fromlist=["Meta"]).Meta()
