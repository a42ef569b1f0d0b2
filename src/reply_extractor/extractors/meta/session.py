"""The session a suggestion was made at: 市十六届人大三次会议 -> body, region,
term, meeting. Takes the meta reader (see people.py) and fills its Meta."""
from __future__ import annotations

import re

from ...numbers import parse_int
from .data import pattern as _re, rules


def session(rd, title, head_end: int) -> None:
    cfg = rules()["session"]
    regions = ([title] if title else []) + [(0, min(len(rd.text), max(head_end, rd.body_start) + 600))]
    for a, b in regions:
        for p in cfg["pattern"]:
            m = _re(p["re"]).search(rd.folded, a, b)
            if not m:
                continue
            term = parse_int(m.group("term"))
            meeting = None if p.get("between") else parse_int(m.group("meeting"))
            if not term or not (meeting or p.get("between")):
                continue
            sess = {}
            if p["body"]:
                sess["body"] = p["body"]
                region = _region(rd, m)
                if region:
                    sess["region"] = region
            sess["term"] = term
            if meeting:
                sess["meeting"] = meeting
            rd.meta.session = sess
            rd.note("session", m.start("region") if m.groupdict().get("region") else m.start("term"), m.end())
            return


def _region(rd, m: re.Match) -> str | None:
    cfg = rules()["session"]["region"]
    if m.groupdict().get("region2"):
        return m.group("region2")
    r = m.group("region") or ""
    # the lazy group may start early ("…厅关于省"): keep what follows the last lead word
    cut = max((r.rfind(p) + len(p) for p in cfg["strip_prefixes"] if p in r), default=0)
    r = r[cut:]
    if r and not r.endswith(tuple(cfg["levels"]) + ("全国",)):
        r = ""
    if r and r not in cfg["levels"]:
        return r
    # a bare 市/县 (or nothing): the issuer's own region of that level
    # (one character before 市 or 省 is a word, 城市 of 岳阳市城市管理局: no city is named so)
    tokens = [t for t in re.findall(cfg["admin_token"], _admin_prefix(rd)) if len(t) > 2 or t[-1] not in "市省"]
    # 宜昌市住房和城市更新局: 住房和城市 ends like a city but is none
    tokens = [t for t in tokens if not t.endswith(tuple(cfg["not_region_ends"]))]
    if r:
        tokens = [t for t in tokens if t.endswith(r)]
    return tokens[-1] if tokens else (r or None)


def _admin_prefix(rd) -> str:
    issuer = rd.meta.issuer or ""
    m = re.match(rf"(?:{rules()['session']['region']['admin_token']})+", issuer)
    return m.group(0) if m else ""
