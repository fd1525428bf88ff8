"""The end of a build: output/ holds exactly the current site, and the search index is whole.

Pelican writes what the content makes now and never removes what it made before, so a
removed raw text's page, its topic and archive entries, its feeds and its search fragment
would stay in output/ and, after `rsync --delete`, on the host. Every file written in a
build is noted here (Pelican's `content_written`, Newsdesk's atomic writes, static files);
at the end, any other file under output/ is deleted (only ever inside output/, never a
hidden file or one in OUTPUT_RETENTION), and empty folders with it. The Pagefind index is
rebuilt from scratch after every build, so its old folder goes too.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from . import guard
from .settings import setting

log = logging.getLogger("newsdesk")
SEARCH_DIR = "pagefind"
_written: set[Path] = set()


def start() -> None:
    """Forget what an earlier build in this process wrote."""
    _written.clear()


def note(path) -> None:
    """A file this build wrote (or found already holding the same bytes)."""
    _written.add(Path(os.path.abspath(path)))


def content_written(path, context=None) -> None:  # Pelican signal
    note(path)


def static_written(generator) -> None:  # Pelican signal: static files are copied only when changed
    for item in getattr(generator, "staticfiles", ()):
        note(Path(generator.output_path) / item.save_as)


def prune(output: Path, keep: tuple[str, ...] = (), theme_static: str = "theme") -> list[Path]:
    """Delete every file under `output` this build did not write; return what was deleted.

    Kept: hidden files, names in `keep` (OUTPUT_RETENTION) and the theme's static folder.
    """
    root = Path(os.path.abspath(output))
    if not root.is_dir():
        return []
    files, _ = guard.walk_files(root)
    removed = []
    for path in files:
        rel = path.relative_to(root)
        if (
            Path(os.path.abspath(path)) in _written
            or any(part.startswith(".") or part in keep for part in rel.parts)
            or rel.parts[0] == theme_static
        ):
            continue
        if not Path(os.path.abspath(path)).is_relative_to(root):  # never outside output/
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    for folder in sorted({p.parent for p in removed}, key=lambda p: -len(p.parts)):
        while folder != root and folder.is_relative_to(root):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed


def finalized(pelican) -> None:
    """Pelican's last signal: prune output/ (not on a partial rebuild that writes only some files)."""
    settings = pelican.settings
    if settings.get("WRITE_SELECTED") or not setting(settings, "NEWSDESK_PRUNE_OUTPUT"):
        return
    removed = prune(
        Path(pelican.output_path),
        keep=tuple(settings.get("OUTPUT_RETENTION", ())),
        theme_static=settings.get("THEME_STATIC_DIR", "theme"),
    )
    if removed:
        log.info("newsdesk: %d files no longer produced removed from %s", len(removed), pelican.output_path)


def search_index_problem(output: Path) -> str | None:
    """What is wrong with a Pagefind index Pagefind said it wrote (a full disk leaves empty files), or None."""
    folder = output / SEARCH_DIR
    entry = folder / "pagefind-entry.json"
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"{entry} is missing or unreadable ({exc}): the search index was not written. Check free disk space"
    if not isinstance(data, dict) or not data.get("languages"):
        return f"{entry} lists no language: the search index is empty"
    files, _ = guard.walk_files(folder)
    empty = [p for p in files if p.stat().st_size == 0]
    if empty:
        return f"{len(empty)} empty files in {folder} (e.g. {empty[0].name}): the index is broken. Check free disk space"
    if not any(p.parent.name == "fragment" for p in files):
        return f"{folder} has no page fragments: nothing was indexed"
    return None
