"""Imports of libraries that load pkg_resources only to open a data file
shipped beside their code (jieba's dictionary, cpca's division table): done
with a stand-in that opens the file by its path. Importing pkg_resources
(deprecated) scans every installed distribution, ~60 ms of each batch's start
before its workers can fork."""
from __future__ import annotations

import importlib
import os
import sys
import types


def resource_stream(module_name: str, resource: str):
    """pkg_resources.resource_stream for a package installed as files: the
    resource beside the module's file, opened for reading bytes."""
    module = importlib.import_module(module_name)
    return open(os.path.join(os.path.dirname(module.__file__), resource), "rb")


_STAND_IN = types.ModuleType("pkg_resources", "reply_extractor.lightimport's stand-in")
_STAND_IN.resource_stream = resource_stream


def import_module(name: str) -> types.ModuleType:
    """`import name`, with the stand-in as pkg_resources while it runs (unless
    pkg_resources is loaded already); the plain import where that fails."""
    if name in sys.modules or "pkg_resources" in sys.modules:
        return importlib.import_module(name)
    sys.modules["pkg_resources"] = _STAND_IN
    try:
        return importlib.import_module(name)
    except Exception:
        pass
    finally:
        if sys.modules.get("pkg_resources") is _STAND_IN:
            del sys.modules["pkg_resources"]
    return importlib.import_module(name)  # the stand-in did not do: the real one
