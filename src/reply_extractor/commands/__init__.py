"""Subcommands beyond extract/batch. Each module here has `register(subparsers)`
adding its parser with `set_defaults(func=...)`; cli.py registers them all."""
