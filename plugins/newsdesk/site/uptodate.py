"""Is output/ already what `make html` would build? A no-op build then runs nothing.

Pelican has no notion of an up-to-date site: even when every page is skipped (output.py), it
reads and renders every article again, which at archive scale takes a minute. `make html`
asks here first. The answer is a fingerprint of every file the build reads (the content
folder: raw texts, articles, profiles, vocabulary; the theme; the plugins' code; the
settings files; the installed packages' stamp), of the build's options, and of every file
in output/ as the last build left it; a build that ended well records it in
`output/.newsdesk-built.json`. Any change to any of them, a file added or removed, output/
touched or deleted, gives another fingerprint and a full build. File names, sizes and
modification times are what is compared (as make does), not contents: the check reads no
file, so it costs a directory walk (about 0.1 s per 10,000 files).

The check runs as a script (`python plugins/newsdesk/site/uptodate.py OUTPUT INPUT...
--options "..."`, exit 0 when current) so that it imports nothing of Newsdesk or Pelican:
their imports alone take longer than the walk. `newsdesk built --record` records.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path

RECORD = ".newsdesk-built.json"
# Changed by every build without saying anything about its inputs: the build lock, a
# temporary file of an atomic write, Python's byte code caches.
TRANSIENT_NAMES = frozenset({".newsdesk.lock", "__pycache__", RECORD})
TRANSIENT_SUFFIXES = (".tmp", ".pyc")


def _walk(top: Path) -> Iterable[tuple[str, int, int]]:
    """(path, size, mtime) of every file under `top`, in a stable order; links are not followed."""
    if top.is_file():
        info = top.stat()
        yield str(top), info.st_size, info.st_mtime_ns
        return
    stack = [str(top)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.name in TRANSIENT_NAMES or entry.name.endswith(TRANSIENT_SUFFIXES) or ".tmp-" in entry.name:
                continue
            if entry.is_dir(follow_symlinks=False):
                stack.append(entry.path)
            else:
                info = entry.stat(follow_symlinks=False)
                yield entry.path, info.st_size, info.st_mtime_ns


def fingerprint(paths: Iterable[Path], options: str = "") -> str:
    """One digest of the files under `paths` (names, sizes, times) and the build's options."""
    digest = hashlib.sha256(options.encode("utf-8", "surrogateescape"))
    for path in paths:
        digest.update(f"\0{path}\0".encode("utf-8", "surrogateescape"))
        for name, size, mtime in _walk(path):
            digest.update(f"{name}\0{size}\0{mtime}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def state(inputs: Iterable[Path], output: Path, options: str) -> dict:
    return {"version": 1, "inputs": fingerprint(sorted(inputs), options), "output": fingerprint([output])}


def is_current(inputs: Iterable[Path], output: Path, options: str) -> bool:
    """True when the last recorded build had these inputs and options and output/ is as it left it."""
    try:
        recorded = json.loads((output / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return recorded == state(inputs, output, options)


def record(inputs: Iterable[Path], output: Path, options: str) -> None:
    """After a build that ended well: what it read and what output/ now holds."""
    from ..store import write_atomic  # here, not above: the check runs without the package

    data = state(inputs, output, options)
    write_atomic(output / RECORD, (json.dumps(data, indent=1) + "\n").encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="exit 0 when OUTPUT is what a build of INPUTS gave (nothing to do)")
    parser.add_argument("output")
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--options", default="")
    args = parser.parse_args(argv)
    output = Path(args.output)
    if not is_current([Path(p) for p in args.inputs], output, args.options):
        return 1
    print(f"newsdesk: {output} is up to date: nothing changed since its last build (`make ingest` repeats its messages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
