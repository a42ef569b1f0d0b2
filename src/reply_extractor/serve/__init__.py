"""`reply-extractor serve OUT`: a local web app over a batch output folder.

Starlette routes, Jinja2 templates rendered on the server, one stylesheet; no
JavaScript build step. `create_app(out)` gives the ASGI app (tests and other
servers can mount it); `serve(out, port)` runs it with uvicorn on 127.0.0.1.
"""
from .app import create_app, serve

__all__ = ["create_app", "serve"]
