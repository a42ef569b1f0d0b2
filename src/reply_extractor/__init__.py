"""reply-extractor: structured, linked, searchable data from Chinese government
replies to legislators' suggestions (建议/提案答复)."""
from .document import Block, Document
from .pipeline import extract, extract_all
from .readers import ReadError, read
from .record import Reply

__all__ = ["Block", "Document", "ReadError", "Reply", "extract", "extract_all", "read"]
__version__ = "0.1.0"
