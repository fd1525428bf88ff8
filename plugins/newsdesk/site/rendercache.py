"""Markdown rendered once per article text, not once per build.

Pelican converts every article's Markdown on every build, although an unchanged file gives
the same HTML. The HTML is kept in `output/.newsdesk-render.json` under a digest of the
Markdown text, the plugin's code, the Markdown settings and the Markdown package's version,
so any of them changing renders again. Only what this build used is saved (a removed
article's HTML goes). The file is hidden, so output pruning leaves it; it lives in output/
because a build writes nowhere else, and `make clean` starts it afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

import markdown

from ..ingestcache import code_digest
from ..store import write_atomic

CACHE = ".newsdesk-render.json"
VERSION = 1


class RenderCache:
    def __init__(self, output: Path, salt: str) -> None:
        self.path = output / CACHE
        self.salt = salt
        self.before: dict[str, str] = {}
        self.now: dict[str, str] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict) and data.get("version") == VERSION and data.get("salt") == salt:
                self.before = {str(k): str(v) for k, v in data["html"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # none yet, or not ours: render everything

    def render(self, text: str, convert: Callable[[], str]) -> str:
        key = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
        html = self.now.get(key)
        if html is None:
            html = self.before.get(key)
            if html is None:
                html = convert()
            self.now[key] = html
        return html

    def save(self) -> None:
        if self.now != self.before:  # (a hidden file: output pruning leaves it either way)
            data = {"version": VERSION, "salt": self.salt, "html": dict(sorted(self.now.items()))}
            write_atomic(self.path, json.dumps(data, separators=(",", ":")).encode("ascii"), durable=False)


# The cache of each build in progress, by output folder (readers are made anew per generator).
_open: dict[str, RenderCache] = {}


def for_settings(settings: dict) -> RenderCache:
    output = os.path.realpath(settings["OUTPUT_PATH"])
    if output not in _open:
        salt = f"{code_digest()}:{markdown.__version__}:{settings.get('MARKDOWN')!r}"
        _open[output] = RenderCache(Path(output), hashlib.sha256(salt.encode("utf-8", "surrogateescape")).hexdigest())
    return _open[output]


def finish(pelican) -> None:
    """Receiver of `finalized`: what this build rendered is kept for the next one."""
    cache = _open.pop(os.path.realpath(pelican.output_path), None)
    if cache is not None and Path(pelican.output_path).is_dir():
        cache.save()
