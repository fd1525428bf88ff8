"""Where the per-text stages run: in this process, in one process per core, or on a Dask cluster.

Reading, parsing, metadata and tagging look at one file or one document at a time, so
they can run anywhere; the story pass needs every article and stays in the calling
process. Results come back in the order of the inputs, so the output is byte-identical
whichever runner did the work.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor

try:  # an optional extra: `pip install newsdesk[cluster]`
    from dask.distributed import Client
except ImportError:  # pragma: no cover - depends on the installation
    Client = None

# Below this many items a pool costs more to start than it saves.
MIN_ITEMS_FOR_POOL = 48


class SchedulerError(RuntimeError):
    """The Dask scheduler cannot be used; the message says what to do."""


def worker_count(setting: int) -> int:
    """NEWSDESK_WORKERS: 0 means one process per core."""
    return max(1, setting or os.cpu_count() or 1)


def run_all(fn: Callable, items: list, *, workers: int = 1, scheduler: str | None = None, each: Callable | None = None) -> list:
    """`[fn(x) for x in items]`, in order, on the runner the settings ask for; `each(result)` is
    called on every result, in order, as it arrives (progress)."""
    if not items:
        return []
    if scheduler:
        return _told(_on_cluster(fn, items, scheduler), each)
    processes = min(worker_count(workers), len(items))
    if processes <= 1 or len(items) < MIN_ITEMS_FOR_POOL:
        return _told((fn(x) for x in items), each)
    chunk = max(1, len(items) // (processes * 8))
    with ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("fork")) as pool:
        return _told(pool.map(fn, items, chunksize=chunk), each)


def _told(results: Iterable, each: Callable | None) -> list:
    out = []
    for result in results:
        out.append(result)
        if each is not None:
            each(result)
    return out


def _on_cluster(fn: Callable, items: Iterable, scheduler: str) -> list:
    if Client is None:
        raise SchedulerError(
            f"NEWSDESK_SCHEDULER is {scheduler!r} but dask.distributed is not installed: "
            "`pip install -e .[cluster]` (or unset the setting to ingest on this machine)"
        )
    try:
        client = Client(scheduler, timeout="30s")
    except OSError as exc:
        raise SchedulerError(
            f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start it or unset NEWSDESK_SCHEDULER"
        ) from exc
    try:
        futures = client.map(fn, list(items), pure=False)
        return client.gather(futures)
    finally:
        client.close()
