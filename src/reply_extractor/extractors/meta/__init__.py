"""Metadata of a reply: issuer, title, 文号, category, date, contact, 抄送, and
what it answers (proposal number and kind, proposers, suggestion title,
session), each value with its evidence span.

    extract   finds the reply's parts (letterhead, salutation, body, closing)
              and reads each field in the part it lives in
    people    the proposers and the proposal's title
    session   the session a suggestion was made at (市十六届人大三次会议)
    data      the rule table of data/meta.toml and its compiled patterns
"""
from .extract import extract

__all__ = ["extract"]
