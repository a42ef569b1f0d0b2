"""Commitments: each sentence saying what the agency will do, with its
horizon, deadline, actor and the figures it targets.

    cues        where the text looks forward (将, 拟, 力争, 2026年底前 …), on the
                jieba tokens, and the clause helpers around them
    extract     reads sentences, lead-ins and plans sections around the cues
    plan        the items of a plans section (三、下一步工作计划) or of a lead-in,
                one promise each
    projection  forecasts (预计到2025年…将超过…): no promise
    horizon     the reply's year, the horizon as written and the deadline it gives

The rules are data/commitments.toml.
"""
from .extract import extract

__all__ = ["extract"]
