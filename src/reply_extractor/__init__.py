"""reply-extractor: structured, linked, searchable data from Chinese government
replies to legislators' suggestions (建议/提案答复)."""
from .document import Block, Document
from .frames import load_frames
from .pipeline import NOT_A_REPLY, extract, extract_all, extract_text, is_not_a_reply
from .readers import ReadError, read
from .record import Reply

__all__ = ["Block", "Document", "NOT_A_REPLY", "ReadError", "Reply", "extract", "extract_all", "extract_text",
           "is_not_a_reply", "load_frames", "read"]
__version__ = "0.1.0"
