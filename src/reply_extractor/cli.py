"""Command line: reply-extractor extract | batch | search | export | review."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _cmd_extract(args) -> int:
    from .pipeline import extract_all, is_not_a_reply
    from .readers import ReadError, read_bytes
    from .sinks.jsonfile import dumps
    try:
        # `-`: the reply's bytes on standard input, the format sniffed from them.
        replies = extract_all(read_bytes(sys.stdin.buffer.read()) if args.file == "-" else Path(args.file))
    except (ReadError, FileNotFoundError, IsADirectoryError) as e:
        print(f"reply-extractor: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # an extractor bug: say which file, not a traceback
        print(f"reply-extractor: {args.file}: internal error ({type(e).__name__}: {e}); "
              "please report it with the file", file=sys.stderr)
        return 3
    out = [r.to_dict() for r in replies]
    if len(out) > 1 and not args.all:
        print(f"reply-extractor: {args.file} holds {len(out)} replies; printing the first "
              "(--all prints them all as a list)", file=sys.stderr)
    sys.stdout.write(dumps(out if args.all else out[0], args.pretty) + "\n")
    if all(is_not_a_reply(r) for r in out):  # the record is written, but it holds nothing
        print(f"reply-extractor: warning: {args.file}: not a reply (no reply content found)", file=sys.stderr)
        return 1
    return 0


def _cmd_batch(args) -> int:
    from .batch import run_batch
    try:
        if args.engine == "dask":  # extraction on a Dask cluster; inputs and OUT may be fsspec URLs
            from .engines.dask_engine import run_batch as run_on_dask
            result = run_on_dask(args.dir, args.out, args.scheduler, index=not args.no_index,
                                 link=not args.no_link, review=args.review)
        else:
            result = run_batch(Path(args.dir), Path(args.out), jobs=args.jobs, index=not args.no_index,
                               link=not args.no_link, review=args.review)
    except FileNotFoundError as e:
        print(f"reply-extractor: {e}", file=sys.stderr)
        return 2
    for err in result.errors:
        print(f"error: {err['file']}: {err['message']}", file=sys.stderr)
    for note in result.notes:
        print(f"warning: {note}", file=sys.stderr)
    print(result.summary())
    return 1 if result.errors or result.notes else 0


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    ap = argparse.ArgumentParser(prog="reply-extractor", description=__doc__)
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the JSON record of one reply")
    p.add_argument("file", help="a reply file, or - to read one from standard input")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--all", action="store_true", help="print a list of every reply in the file (a page may hold several)")
    p.set_defaults(func=_cmd_extract)
    p = sub.add_parser("batch", help="extract every reply under a folder into OUT")
    p.add_argument("dir", help="folder (searched recursively) or a single file")
    p.add_argument("--out", required=True, help="output folder: OUT/<stem>.json per reply")
    p.add_argument("--jobs", type=int, default=None, help="worker processes (default: by batch size)")
    p.add_argument("--no-index", action="store_true", help="skip building OUT/replies.sqlite")
    p.add_argument("--no-link", action="store_true", help="skip cross-reply linking")
    p.add_argument("--review", action="store_true", help="also write HTML review pages to OUT/review/")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="where files are extracted: here (default) or on a Dask cluster (--scheduler)")
    p.add_argument("--scheduler", help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786")
    p.set_defaults(func=_cmd_batch)
    _register_commands(sub)
    return ap


def _register_commands(sub) -> None:
    import importlib
    import pkgutil

    from . import commands
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        importlib.import_module(f"{commands.__name__}.{info.name}").register(sub)


def main(argv=None) -> int:
    # Records are UTF-8 JSON whatever the terminal's locale (a GBK console included).
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "engine", None) == "dask" and not args.scheduler:
        parser.error("--engine dask needs --scheduler ADDRESS")
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
