"""Placeholder extractor: policies."""
from __future__ import annotations


def extract(doc, reply):
    return [] if "policies" != "meta" else __import__("reply_extractor.record", fromlist=["Meta"]).Meta()
