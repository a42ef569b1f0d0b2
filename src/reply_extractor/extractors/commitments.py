"""Placeholder extractor: commitments."""
from __future__ import annotations


def extract(doc, reply):
    return [] if "commitments" != "meta" else __import__("reply_extractor.record", fromlist=["Meta"]).Meta()
