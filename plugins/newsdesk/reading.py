"""Stage 1: which raw files there are, and each one read once (decode.py turns bytes to text).

Every file under the raw folder is either read or named in the summary with a reason:
sidecars and `collection.yaml` are settings, a saved page's `<name>_files/` folder is the
page's own images and scripts, links out of the folder and special files are refused.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from . import guard, pdf_text
from .decode import COLLECTION_FILE, SIDECAR_SUFFIXES, RawFileError, read_raw
from .limits import read_limit
from .records import RawText
from .runreport import Report
from .settings import Settings

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")


@dataclass(frozen=True)
class Listing:
    """The raw files to read, in a stable order, and the ones set aside with the reason."""

    paths: tuple[Path, ...]
    ignored: tuple[tuple[str, str], ...] = ()  # (path, why): named in the summary, not warnings
    refused: tuple[tuple[str, str], ...] = ()  # (path, why and what to do): skipped with a message


def _walk(root: Path):
    """Every entry under `root`, depth first, without following links and without recursion
    (a folder nested 1,000 deep costs a list, not the stack)."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name, reverse=True)
        except OSError as exc:
            yield folder, None, exc
            continue
        for entry in entries:
            yield Path(entry.path), entry, None
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
            except OSError:
                continue


def _page_folder(path: Path) -> Path | None:
    """The saved page a `<name>_files` folder belongs to ("Web page, complete"), if it is there."""
    if not path.name.endswith("_files"):
        return None
    stem = path.name.removesuffix("_files")
    return next((path.with_name(stem + s) for s in PAGE_SUFFIXES if path.with_name(stem + s).is_file()), None)


def _is_sidecar(path: Path) -> bool:
    return path.suffix.lower() in SIDECAR_SUFFIXES and (path.name == COLLECTION_FILE or path.with_suffix("").exists())


def list_raw(raw_dir: Path) -> Listing:
    """Raw files in a folder and its subfolders, in a stable order; nothing silently left out."""
    root = raw_dir.resolve()
    paths, ignored, refused = [], [], []
    skip_below: list[Path] = []
    for path, entry, error in _walk(raw_dir):
        if error is not None:
            refused.append((str(path), f"cannot be listed ({error.strerror or error}): check its permissions"))
            continue
        if any(path.is_relative_to(p) for p in skip_below):
            continue
        if guard.has_lone_surrogate(str(path)):  # it would go into front matter, URLs and logs
            what = "has a name that is not valid UTF-8: not read (it cannot be named in articles or URLs). Rename it"
            refused.append((guard.printable(str(path)), what))
            continue
        try:
            is_link, mode = entry.is_symlink(), entry.stat(follow_symlinks=False).st_mode
        except OSError as exc:
            refused.append((str(path), f"cannot be read ({exc.strerror or exc}): check that it exists"))
            continue
        if is_link:
            real = path.resolve()
            if not real.is_relative_to(root):
                refused.append(
                    (str(path), f"is a link to {real}, outside {raw_dir}: refused. Copy the file into {raw_dir} instead")
                )
                continue
            try:
                mode = real.stat().st_mode
            except OSError as exc:
                refused.append((str(path), f"is a broken link ({exc.strerror or exc}): remove it or fix its target"))
                continue
            if stat.S_ISDIR(mode):
                ignored.append((str(path), "a link to a folder inside the raw folder: its files are read where they are"))
                continue
        if stat.S_ISDIR(mode):
            if page := _page_folder(path):
                ignored.append((str(path), f"the saved files (images, scripts) of the page {page.name}: not read as content"))
                skip_below.append(path)
            continue
        if not stat.S_ISREG(mode):
            refused.append((str(path), "is not a regular file (a pipe, socket or device): refused. Remove it"))
        elif path.name.startswith("."):
            ignored.append((str(path), "a hidden file"))
        elif _is_sidecar(path):
            continue  # read with the raw text it describes, or by its whole folder
        elif path.suffix.lower() in SIDECAR_SUFFIXES:
            refused.append((str(path), f"looks like a sidecar, but {path.with_suffix('').name} is not here: rename or remove it"))
        else:
            paths.append(path)
    return Listing(tuple(sorted(paths)), tuple(sorted(ignored)), tuple(sorted(refused)))


def read_all(paths: list[Path], rep: Report, settings: Settings, *, once: bool = False) -> list[RawText]:
    """Decode every raw file; one that cannot be read is skipped with the reason, never fatal.

    With `once`, a file with the same bytes (and sidecar) as one before it is skipped too.
    A PDF becomes one text per page. How big a file may be depends on what it holds (limits.py).
    """
    raws = []
    first_with: dict[tuple[str, str], Path] = {}
    for path in paths:
        try:
            raw = read_raw(path, read_limit(path, settings))
        except (RawFileError, guard.GuardError) as exc:
            rep.skip(str(path), str(exc))
            continue
        except OSError as exc:
            rep.skip(str(path), f"cannot be read ({exc.strerror or exc}): check that it exists and that you may read it")
            continue
        except Exception as exc:  # a bug in a decoder must not stop the build
            rep.skip(str(path), f"could not be read ({type(exc).__name__}: {exc}); please report this as a Newsdesk bug")
            continue
        same = (raw.sha256, repr(sorted(raw.sidecar.items(), key=str)))
        if once and same in first_with:
            rep.skip(str(path), f"has the same bytes as {first_with[same]}: ingested once. Delete one of the copies")
            continue
        first_with.setdefault(same, path)
        raws.extend(_pdf_pages(raw, rep, settings.max_pdf_pages) if raw.kind == "pdf" else [raw])
    return raws


def _pdf_pages(raw: RawText, rep: Report, max_pages: int) -> list[RawText]:
    """A PDF read page by page (one text a page); one that cannot be read is skipped with what to do."""
    try:
        texts, blank = pdf_text.expand(raw, max_pages=max_pages)
    except pdf_text.PdfError as exc:
        rep.skip(str(raw.path), str(exc))
        return []
    if blank:
        listed = ", ".join(map(str, blank[:10])) + (f" and {len(blank) - 10} more" if len(blank) > 10 else "")
        rep.warn(
            str(raw.path),
            f"page {listed} {'has' if len(blank) == 1 else 'have'} no text layer and "
            f"{'was' if len(blank) == 1 else 'were'} not read; if scanned, run OCR first (e.g. `ocrmypdf in.pdf out.pdf`)",
        )
    return texts


def list_raw_files(raw_dir: Path) -> list[Path]:
    """Just the raw files that will be read, in order (for scripts and tests)."""
    return list(list_raw(raw_dir).paths)
