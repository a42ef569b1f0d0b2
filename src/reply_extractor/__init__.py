"""reply-extractor: structured, linked, searchable data from Chinese government
replies to legislators' suggestions (建议/提案答复)."""
from .document import Block, Document
from .frames import load_frames
from .pipeline import extract, extract_all
from .readers import ReadError, read
from .record import Reply

__all__ = ["Block", "Document", "ReadError", "Reply", "extract", "extract_all", "load_frames", "read"]
__version__ = "0.1.0"
