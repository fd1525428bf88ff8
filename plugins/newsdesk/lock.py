"""One ingest at a time per content folder, so two builds never write `content/` at once.

The lock is `fcntl.flock` on `content/.newsdesk.lock`: the kernel releases it when
its holder exits, even after `kill -9`, so a stale lock file never blocks a build.
A second build waits a bounded time for the first, then stops with a clear message.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .settings import DEFAULTS

LOCK_NAME = ".newsdesk.lock"
WAIT_SECONDS = float(DEFAULTS["NEWSDESK_LOCK_WAIT"])


class LockBusy(RuntimeError):
    """Another build holds the content folder; the message says which and what to do."""


@contextmanager
def content_lock(folder: Path, wait: float = WAIT_SECONDS, poll: float = 0.2) -> Iterator[Path]:
    """Hold the ingest lock of `folder` for the duration of the block."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "unknown"
                    raise LockBusy(
                        f"{path}: another Newsdesk build (process {holder}) is still writing {folder}; "
                        f"waited {wait:.0f} s. Let it finish and build again (or stop that process)"
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield path
    finally:
        os.close(fd)
