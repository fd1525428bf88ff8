"""Stage 8: writing. Atomic, only when bytes change, and never over an editor's work.

A manifest beside the articles records the hash of every file Newsdesk wrote.
A file whose bytes no longer match was changed by someone: it is kept as it is,
and the editor is told once.
"""

from __future__ import annotations

import ctypes
import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import frontmatter, guard, prune
from .records import Article
from .runreport import Report
from .slugs import slugify, unique

log = logging.getLogger("newsdesk")

MANIFEST = ".newsdesk-manifest.json"
TEMPORARY = ".*.tmp"  # what write_atomic leaves behind when killed before its rename


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sync_folder(folder: Path) -> None:
    """One durable sync for everything written under `folder`: syncfs(2), else sync(2)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fd = os.open(folder, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    except (OSError, AttributeError):
        pass
    os.sync()


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> bool:
    """Write `data` to `path` through a temporary file and a rename; False when unchanged.
    Either way the file is noted as produced by this build (prune.py keeps it in output/).

    `durable=False` leaves out the fsync: for many files made durable by one sync at the end.
    """
    prune.note(path)
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Delete temporary files a killed build left; call only while holding the content lock."""
    stale = sorted(p for p in folder.glob(TEMPORARY) if p.is_file())
    for path in stale:
        path.unlink(missing_ok=True)
    return stale


@dataclass
class Manifest:
    """What Newsdesk generated in a folder: file name -> hash, origin, uid, story."""

    path: Path
    files: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path, problems: list | None = None) -> Manifest:
        """The manifest; ValueError when it cannot be used at all. An entry naming anything but an
        article file in `folder` (such as "../raw/x.txt") or of the wrong shape is left out and
        added to `problems` (guard.Problem): its file, if any, then counts as edited and is kept."""
        path = folder / MANIFEST
        try:
            data = guard.load_json(path)
        except FileNotFoundError:
            return cls(path)
        except guard.GuardError as exc:
            what = "delete it and Newsdesk will treat every article as hand-edited"
            raise ValueError(f"{path}: unreadable ({exc}); {what}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
            raise ValueError(
                f"{path}: unreadable (not a manifest: no `files` mapping); delete it and Newsdesk will treat every article "
                "as hand-edited"
            )
        files = {}
        for name, record in data.get("files", {}).items():
            why = _bad_entry(name, record)
            if why is None:
                files[name] = record
            elif problems is not None:
                problems.append(guard.Problem(str(path), f"files: {guard.printable(repr(name))}", f"{why}; the entry is ignored"))
        return cls(path, files)

    def save(self) -> None:
        text = json.dumps({"version": 1, "files": self.files}, indent=1, sort_keys=True, ensure_ascii=False)
        write_atomic(self.path, (text + "\n").encode("utf-8"))

    def edited(self, name: str) -> bool:
        """Whether the file on disk differs from what Newsdesk last wrote there."""
        path = self.path.parent / name
        if not path.exists():
            return False
        record = self.files.get(name)
        if record is None:
            return True
        return sha256(path.read_bytes()) != record.get("sha256")

    def known_stories(self) -> dict[str, str]:
        return {r["uid"]: r["story"] for r in self.files.values() if r.get("uid") and r.get("story")}

    def file_for(self, uid: str) -> str | None:
        for name, record in self.files.items():
            if record.get("uid") == uid:
                return name
        return None


def safe_name(name) -> bool:
    """An article file name: one Markdown file directly in the articles folder, nothing else.

    >>> [safe_name(n) for n in ("a-b.md", "../raw/x.txt", "../../x.md", "sub/a.md", ".hidden.md", "a.txt")]
    [True, False, False, False, False, False]
    """
    return (
        isinstance(name, str)
        and name.endswith(".md")
        and name == Path(name).name
        and not name.startswith(".")
        and "\\" not in name
        and "\x00" not in name
        and not guard.has_lone_surrogate(name)
    )


def _bad_entry(name, record) -> str | None:
    if not safe_name(name):
        return "names a file outside the articles folder (or not an article)"
    if not isinstance(record, dict) or not isinstance(record.get("sha256", ""), str | None):
        return "is not a record of `sha256`, `uid`, `origin`"
    for key in ("uid", "story", "told"):
        if not isinstance(record.get(key, ""), str | None):
            return f"has a `{key}` that is not text"
    if not isinstance(record.get("origin", []), list):
        return "has an `origin` that is not a list"
    return None


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except FileNotFoundError:
        return False


@dataclass(frozen=True)
class WriteResult:
    name: str
    status: str  # written, unchanged, kept-edited


def write_article(manifest: Manifest, name: str, text: str, *, uid: str, story: str | None, origin) -> WriteResult:
    """Write one generated article unless an editor has changed the file."""
    data = text.encode("utf-8")
    path = manifest.path.parent / name
    # A file already holding exactly these bytes is Newsdesk's own, even when the manifest
    # does not say so yet (a build killed between writing it and saving the manifest).
    if manifest.edited(name) and not _holds(path, data):
        record = manifest.files.setdefault(name, {"sha256": None})
        record.update(uid=uid, origin=list(origin))
        return WriteResult(name, "kept-edited")
    changed = write_atomic(path, data, durable=False)  # made durable by publish's one sync
    previous = manifest.files.get(name, {})
    record = {"sha256": sha256(data), "uid": uid, "story": story, "origin": list(origin)}
    # The ids this article was filed under before: a story that vanished into another redirects there.
    former = [s for s in (*previous.get("former_stories", ()), previous.get("story")) if s and s != story]
    if former:
        record["former_stories"] = sorted(set(former))
    manifest.files[name] = record
    return WriteResult(name, "written" if changed else "unchanged")


def _made_from(article: Article) -> str:
    """What an article file was written from: the record and the code that writes it. The same
    digest as last time means the same bytes, without writing the Markdown again to compare."""
    from .ingestcache import code_digest  # ingestcache writes through this module

    return sha256(f"{code_digest()}\0{article!r}".encode("utf-8", "surrogateescape"))


def base_name(article: Article) -> str:
    """The file name an article is given (before a number makes it unique): source and headline."""
    base = slugify(f"{article.source or ''} {article.title}")[:90].strip("-")
    return base or slugify(Path(article.origin[0]).stem)[:90].strip("-") or "article"  # a title of emoji


def file_names(manifest: Manifest, articles: list[Article], edited: dict[str, str] | None = None) -> dict[str, str]:
    """A file name per article uid: the edited file carrying its uid (`edited`: uid -> name), else the one
    it had, else one made from its source and title."""
    edited = edited or {}
    taken: set[str] = set()
    names: dict[str, str] = {}
    had: dict[str, str] = {}  # uid -> the first file the manifest has for it (one pass, not one per article)
    for name, record in manifest.files.items():
        if record.get("uid"):
            had.setdefault(record["uid"], name)
    for article in articles:
        name = edited.get(article.uid) or had.get(article.uid)
        if name and name not in taken and safe_name(name):
            taken.add(name)
            names[article.uid] = name
    stems = {n.removesuffix(".md") for n in taken}  # made once: `unique` adds each new one
    for article in articles:
        if article.uid not in names:
            names[article.uid] = unique(base_name(article), stems) + ".md"
    return names


def publish(
    manifest: Manifest,
    articles: list[Article],
    rep: Report,
    raw_dir: Path,
    edited: dict[str, str] | None = None,
    made: tuple[dict, dict] | None = None,
) -> None:
    """Write every article (origins already relative to the content folder), remove those
    whose raw text is gone, and tell once about each edited file kept. `made`: what each file
    was written from last time, and the mapping to fill for this time (the ingest memo keeps
    them: a cache, not the committed manifest, since the digest changes with the code)."""
    made_before, made_now = made if made is not None else ({}, {})
    names = file_names(manifest, articles, edited)
    live = set()
    for article in articles:
        name = names[article.uid]
        live.add(name)
        article = dataclasses.replace(article, slug=name.removesuffix(".md"))
        made_from = _made_from(article)
        if made_before.get(name) == made_from and name in manifest.files and not manifest.edited(name):
            made_now[name] = made_from
            rep.unchanged.append(name)  # the same record as last time, by the same code: the same bytes
            continue
        text = frontmatter.dump(article)
        result = write_article(manifest, name, text, uid=article.uid, story=article.story, origin=article.origin)
        if result.status != "kept-edited":
            made_now[name] = made_from
        {"written": rep.written, "unchanged": rep.unchanged, "kept-edited": rep.kept}[result.status].append(name)
        if result.status == "kept-edited":
            tell_once(manifest, name, rep)
    if rep.written:  # one sync for every article written (an fsync each costs more than the rest of writing)
        sync_folder(manifest.path.parent)
    for name in sorted(set(manifest.files) - live):
        path = manifest.path.parent / name
        if not path.exists():  # renamed by an editor (found by its uid) or deleted: only the record goes
            del manifest.files[name]
            continue
        if manifest.edited(name):
            tell_once(manifest, name, rep, orphan=True)
            continue
        path.unlink(missing_ok=True)
        del manifest.files[name]
        rep.removed.append(name)
        log.warning("%s: removed; its raw text is gone from %s", path, raw_dir)


def tell_once(manifest: Manifest, name: str, rep: Report, *, orphan: bool = False) -> None:
    """Say once per edit that an edited article was kept (and not again on every build)."""
    path = manifest.path.parent / name
    digest = sha256(path.read_bytes())
    record = manifest.files[name]
    if record.get("told") == digest:
        return
    record["told"] = digest
    count = len(rep.warnings)
    if orphan:
        rep.warn(str(path), "its raw text is gone, but it was edited by hand: kept. Delete it if it should go")
    else:
        rep.warn(
            str(path),
            "edited by hand: kept as it is, the newly generated version was not written. Delete the file to regenerate it",
        )
    rep.said_once.extend(rep.warnings[count:])
