"""Writing output/: only what changed is rendered and written, what is gone is removed, one sync per build.

Every file the site side writes (Pelican's pages through `OutputWriter`, the feeds and the
crawler files through `OutputRecord.write`) is recorded in `output/.newsdesk-output.json`
with its size, time and the key of the inputs it was made from. The next build:

- skips a page whose key is the same and whose file is still as it was written (not rendered,
  not written): the key digests everything the page shows (see keys.py);
- writes a file only when its bytes change, through a temporary file and a rename, without an
  fsync per file; one sync of the output's file system when the build ends makes them durable;
- removes the files the last build wrote that this build did not (a removed article's page,
  a story's feeds when the story is gone); files it never wrote (static files, the search
  index) are left alone.
Deleting output/ deletes the record with it: the next build is a full one.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pelican.writers import FileOverwriteFailedError, Writer

from .. import prune
from ..store import sync_folder, write_atomic

log = logging.getLogger("newsdesk")
RECORD = ".newsdesk-output.json"
# The records of builds in progress, by output folder: Pelican makes a new writer per build and
# keeps no reference to it, and the feeds and crawler files are written outside the writer.
_open: dict[str, OutputRecord] = {}


class OutputRecord:
    """What the last build wrote under output/, and what this build writes or keeps."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.before: dict[str, dict] = {}
        self.pages_before: dict[str, dict] = {}
        try:
            data = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            if data.get("version") == 1:
                self.before, self.pages_before = dict(data["files"]), dict(data["pages"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no record or an unreadable one: every page is rendered, nothing is removed
        self.files: dict[str, dict] = {}
        self.pages: dict[str, dict] = {}
        self.written = 0
        self.skipped = 0

    @classmethod
    def for_build(cls, folder: Path) -> OutputRecord:
        key = os.path.realpath(folder)
        if key not in _open:
            _open[key] = cls(Path(key))
        return _open[key]

    def _stat(self, rel: str) -> dict | None:
        try:
            st = (self.folder / rel).stat()
        except OSError:
            return None
        return {"size": st.st_size, "mtime": st.st_mtime_ns}

    def write(self, rel: str, data: bytes) -> bool:
        """Write one file of the build (only when its bytes change) and record it."""
        changed = write_atomic(self.folder / rel, data, durable=False)
        self.written += changed
        self.files[rel] = self._stat(rel) or {}
        return changed

    def still_there(self, name: str, key: str) -> bool:
        """Whether the page `name` was made from `key` last build and its files are as written; keep them if so."""
        page = self.pages_before.get(name)
        if not page or page.get("key") != key:
            return False
        files = page.get("files", [])
        if not files or any(self._stat(f) != self.before.get(f) for f in files):
            return False
        self.pages[name] = page
        for rel in files:
            self.files[rel] = self.before[rel]
            prune.note(self.folder / rel)  # kept, not rewritten: still part of the site
        self.skipped += 1
        return True

    def page_written(self, name: str, key: str | None, files: list[str]) -> None:
        if key is not None:
            self.pages[name] = {"key": key, "files": files}

    def finish(self) -> list[str]:
        """Remove what the last build wrote and this one did not; save the record; sync once."""
        gone = sorted(set(self.before) - set(self.files))
        for rel in gone:
            path = self.folder / rel
            if path.is_file() and self._stat(rel) == self.before[rel]:  # never a file someone else put there since
                path.unlink()
        data = {"version": 1, "files": dict(sorted(self.files.items())), "pages": dict(sorted(self.pages.items()))}
        write_atomic(self.folder / RECORD, (json.dumps(data, indent=0, sort_keys=True) + "\n").encode("utf-8"), durable=False)
        sync_folder(self.folder)
        return gone


def finish_build(pelican) -> None:
    """Receiver of `finalized`: prune, save the record and sync, then say what the build did."""
    record = _open.pop(os.path.realpath(pelican.output_path), None)
    if record is None:
        return
    gone = record.finish()
    log.info(
        "newsdesk: %d files written, %d pages unchanged (not rendered), %d removed", record.written, record.skipped, len(gone)
    )


class OutputWriter(Writer):
    """Pelican's writer, skipping pages whose inputs did not change and files whose bytes did not."""

    CONTEXT_KEY = "newsdesk_page_key"  # the page-key function (keys.py), put in the context by the view

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self.record = OutputRecord.for_build(Path(output_path))
        self._files: list[str] | None = None

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None, **kwargs):
        if not name:
            return
        maker = context.get(type(self).CONTEXT_KEY)
        key = maker(name, template, relative_urls, template_name, kwargs) if maker else None
        if key is not None and self.record.still_there(name, key):
            return
        self._files = []
        try:
            super().write_file(name, template, context, relative_urls, paginated, template_name, **kwargs)
            self.record.page_written(name, key, self._files)
        finally:
            self._files = None

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rule (a file is written once per build unless one write overrides it), then a buffer."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time')
            return _Buffer(self, None)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(f'Failed to overwrite "{filename}": already written in this build')
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _Buffer(self, Path(os.path.relpath(filename, self.output_path)).as_posix())


class _Buffer:
    """A text file that reaches the disk on close, and only if its bytes differ from the file there."""

    def __init__(self, writer: OutputWriter, rel: str | None) -> None:  # None: discarded
        self.writer, self.rel, self.parts = writer, rel, []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def __enter__(self):
        return self

    def __exit__(self, kind, *_):
        if kind is None and self.rel is not None:
            self.writer.record.write(self.rel, "".join(self.parts).encode("utf-8"))
            if self.writer._files is not None:
                self.writer._files.append(self.rel)
        return False
