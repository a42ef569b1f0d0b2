"""`reply-extractor export OUT --format csv|parquet|sqlite|es-bulk [--dest PATH]`."""
from __future__ import annotations

import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("export", help="tables (csv, parquet, one sqlite file) or an "
                                             "Elasticsearch bulk file of a batch folder")
    p.add_argument("out", help="a batch output folder (records as JSON)")
    p.add_argument("--format", required=True, choices=["csv", "parquet", "sqlite", "es-bulk"],
                   dest="fmt")
    p.add_argument("--dest", help="folder for the tables (default OUT/export; sqlite: tables.sqlite "
                                  "in it); for es-bulk a .ndjson path or a folder")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..sinks.export import ExportError, NothingToExport, export
    try:
        paths = export(args.out, args.fmt, args.dest)
    except NothingToExport as e:
        print(f"reply-extractor export: {e}", file=sys.stderr)
        return 1
    except (ExportError, OSError, ImportError) as e:
        print(f"reply-extractor export: {e}", file=sys.stderr)
        return 2
    for p in paths:
        print(p)
    return 0
