"""Command line: reply-extractor extract | batch | search | export | review."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# One exit-code convention for every command.
OK, FAILED, USAGE, INTERRUPTED = 0, 1, 2, 130
EXIT_CODES = """exit status (every command):
  0    done
  1    some inputs failed (the rest was done), or no hits
  2    usage error: a bad option, a missing input, an output that cannot be written
  130  interrupted (Ctrl-C or SIGTERM); whatever was written is whole"""


def _cmd_extract(args) -> int:
    from .patterncache import cached
    from .pipeline import extract_all, is_not_a_reply
    from .readers import ReadError, read_bytes
    from .sinks.jsonfile import dumps
    path = Path(args.file)
    if args.file != "-" and not path.exists():
        print(f"reply-extractor: {path}: no such file", file=sys.stderr)
        return USAGE
    try:
        # `-`: the reply's bytes on standard input, the format sniffed from them.
        with cached():  # the rules' patterns as the last run compiled them
            replies = extract_all(read_bytes(sys.stdin.buffer.read()) if args.file == "-" else path)
    except IsADirectoryError as e:  # a usage error: batch reads folders
        print(f"reply-extractor: {e}", file=sys.stderr)
        return USAGE
    except ReadError as e:
        print(f"reply-extractor: {e}", file=sys.stderr)
        return FAILED
    except Exception as e:  # an extractor bug: say which file, not a traceback
        print(f"reply-extractor: {args.file}: internal error ({type(e).__name__}: {e}); "
              "please report it with the file", file=sys.stderr)
        return FAILED
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
    from .batch import BatchError, run_batch
    options = {"index": not args.no_index, "link": not args.no_link, "review": args.review}
    try:
        if args.engine == "dask":  # extraction on a Dask cluster; inputs and OUT may be fsspec URLs
            from .engines.dask_engine import run_batch as run_on_dask
            result = run_on_dask(args.dir, args.out, args.scheduler, resume=args.resume,
                                 timeout=args.timeout, options={**options, "engine": "dask"}, **options)
        else:
            result = run_batch(Path(args.dir), Path(args.out), jobs=args.jobs, resume=args.resume,
                               timeout=args.timeout, options=options, **options)
    except BatchError as e:
        print(f"reply-extractor batch: {e}", file=sys.stderr)
        return USAGE
    if result.interrupted:
        print(result.summary(), file=sys.stderr)
        return _exit_now(INTERRUPTED)
    for entry in result.skipped:
        print(f"skipped: {entry['file']}: {entry['message']}", file=sys.stderr)
    for err in result.errors:
        print(f"error: {err['file']}: {err['message']}", file=sys.stderr)
    for note in result.notes:
        print(f"warning: {note}", file=sys.stderr)
    print(result.summary())
    if result.files == 0:  # nothing to extract: say so rather than succeed at nothing
        print(f"reply-extractor batch: no reply files under {args.dir} (read are .txt, .docx, .html, "
              ".doc, .wps, .pdf, images and archives of these)", file=sys.stderr)
        return FAILED
    return FAILED if result.errors or result.notes else OK


def _exit_now(code: int) -> int:
    """When run as the command: exit at once, skipping the interpreter's teardown
    of the loaded models (about a second); everything is written and flushed
    already. Called from Python (tests): return the code."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    if __name__ == "__main__" or os.path.basename(sys.argv[0]) in ("reply-extractor", "__main__.py"):
        os._exit(code)
    return code


def positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 1 <= n <= 1_000_000:
        raise argparse.ArgumentTypeError(f"must be between 1 and 1000000, not {text}")
    return n


def jobs_option(text: str) -> int | str:
    return "auto" if text == "auto" else positive_int(text)


def seconds_option(text: str) -> float:
    try:
        x = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 <= x <= 10**7:
        raise argparse.ArgumentTypeError(f"must be between 0 and 10000000 seconds, not {text}")
    return x


def build_parser() -> argparse.ArgumentParser:
    from . import __version__
    ap = argparse.ArgumentParser(prog="reply-extractor", description=__doc__, epilog=EXIT_CODES,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="print the JSON record of one reply")
    p.add_argument("file", help="a reply file, or - to read one from standard input")
    p.add_argument("--pretty", action="store_true", help="indent the JSON")
    p.add_argument("--all", action="store_true", help="print a list of every reply in the file (a page may hold several)")
    p.set_defaults(func=_cmd_extract)
    from .batch import DEFAULT_TIMEOUT
    p = sub.add_parser("batch", help="extract every reply under a folder into OUT", epilog=EXIT_CODES,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Extract every reply under a folder into OUT: records, errors.jsonl "
                                   "(files that failed or were skipped), batch.log (what ran, file by "
                                   "file), links and the search index.")
    p.add_argument("dir", help="folder (searched recursively) or a single file")
    p.add_argument("--out", required=True, help="output folder: OUT/<stem>.json per reply")
    p.add_argument("--jobs", type=jobs_option, default="auto",
                   help="worker processes, or auto (default: by batch size and CPUs)")
    p.add_argument("--resume", action="store_true",
                   help="skip files an earlier run into OUT finished (records whole and newer than the file)")
    p.add_argument("--timeout", type=seconds_option, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                   help=f"give up on a file after this long (default {DEFAULT_TIMEOUT:g}; 0: no limit)")
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
    _sigterm_interrupts()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if getattr(args, "engine", None) == "dask" and not args.scheduler:
            parser.error("--engine dask needs --scheduler ADDRESS")
        return args.func(args)
    except KeyboardInterrupt:
        print("reply-extractor: interrupted", file=sys.stderr)
        return INTERRUPTED
    except BrokenPipeError:  # `extract … | head`: the reader left; not an error of ours
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return OK
    except OSError as e:  # an output the user named cannot be written
        from .sinks.jsonfile import describe_os_error
        print(f"reply-extractor: {describe_os_error('', e)}", file=sys.stderr)
        return USAGE
    except Exception as e:  # a bug: one line, not a traceback (REPLY_EXTRACTOR_DEBUG=1 shows it)
        if os.environ.get("REPLY_EXTRACTOR_DEBUG"):
            raise
        print(f"reply-extractor: internal error ({type(e).__name__}: {e}); please report it",
              file=sys.stderr)
        return FAILED


def _sigterm_interrupts() -> None:
    """SIGTERM stops a command as Ctrl-C does: cleanly, with exit status 130."""
    import signal
    import threading

    def interrupt(signum, frame):
        raise KeyboardInterrupt
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


if __name__ == "__main__":
    sys.exit(main())
