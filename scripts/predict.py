"""Write one record per file of DIR into OUT, serially (a development aid;
users run `reply-extractor batch`). Usage: predict.py DIR OUT"""
import sys
from pathlib import Path

from reply_extractor.pipeline import extract_all
from reply_extractor.readers import SUPPORTED
from reply_extractor.sinks.jsonfile import write_json

src, out = Path(sys.argv[1]), Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for path in sorted(src.rglob("*")):
    if path.suffix.lower() in SUPPORTED:
        try:
            replies = extract_all(path)
        except Exception as e:  # keep going: a development aid, not the product
            print(f"{path}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        for reply in replies:
            write_json(out / f"{reply.doc_id}.json", reply.to_dict())
