"""Stage 3b: every article's identity, the `uid` its file, feeds and stories are keyed by.

An export's accession number is the article's identity wherever it comes from (a
re-export updates the article); otherwise the raw file's place in the raw folder and
the article's place in that file.
"""

from __future__ import annotations

import dataclasses
import uuid
from pathlib import Path

from .records import Article, RawText

UID_NAMESPACE = uuid.UUID("6f1c1a52-8f0e-4d7c-9a43-6b0f2f0c5e11")


def origin_key(path: Path, raw_dir: Path | None) -> str:
    """A raw file's name relative to the raw folder ("sub/x.txt"), else its name."""
    if raw_dir is not None:
        try:
            return path.resolve().relative_to(raw_dir.resolve()).as_posix()
        except ValueError:
            pass
    return path.name


def content_relative(origin: str, raw_dir: Path) -> str:
    """An origin as written in front matter: relative to the content folder ("raw/x.txt#2").

    A format marks an article's place in its file after the file's path ("#2", "#p3");
    a "#" that is part of an existing file's name is left alone.
    """
    path, mark, place = origin.rpartition("#")
    if not mark or Path(origin).exists() or not path:
        path, mark, place = origin, "", ""
    return f"{raw_dir.name}/{origin_key(Path(path), raw_dir)}{mark}{place}"


def with_uids(found: list[tuple[Article, RawText]], raw_dir: Path | None) -> list[Article]:
    """Articles with their uid, in the order given (the Nth article of a file is `file#N`)."""
    seen: dict[str, int] = {}
    out = []
    for article, raw in found:
        if article.accession:
            name = f"accession:{article.accession}"
        else:
            key = origin_key(raw.path, raw_dir)
            seen[key] = seen.get(key, 0) + 1
            name = f"{key}#{seen[key]}"
        out.append(dataclasses.replace(article, uid=f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, name)}"))
    return out
