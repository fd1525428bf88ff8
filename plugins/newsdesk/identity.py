"""Stage 3b: every article's identity, the `uid` its file, feeds and stories are keyed by.

An export's accession number is the article's identity wherever it comes from (a
re-export updates the article); otherwise its source, date and headline, never its
place in the raw file: articles can be inserted, removed or reordered on a page without
one taking another's id (and with it an editor's corrections). An edited article is found
by the `uid` in its front matter, whatever its file is now called.
"""

from __future__ import annotations

import dataclasses
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, guard
from .records import Article, RawText
from .store import Manifest, safe_name

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


def identity_key(article: Article, origin: str) -> str:
    """What makes an article itself: its accession number, else source, date and headline
    (case, spacing and accents aside); the raw file only when neither source nor date is known.
    Never its place in the file, so articles inserted above it or reordered leave its id alone.

    >>> a = Article(origin=("x.txt",), format="plain", title="Talks  Resume", source="AP")
    >>> identity_key(a, "x.txt") == identity_key(dataclasses.replace(a, title="talks resume"), "y.txt")
    True
    """
    if article.accession:
        return f"accession:{' '.join(str(article.accession).split())}"
    title = " ".join(unicodedata.normalize("NFKC", article.title).casefold().split())
    when = article.date.isoformat() if article.date else ""
    where = "" if article.source or when else f"|{origin}"
    return f"{(article.source or '').casefold()}|{when}|{title}{where}"


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, key)}"


def with_uids(found: list[tuple[Article, RawText]], raw_dir: Path | None) -> list[Article]:
    """Articles with their uid, in the order given; two that are the same by every field of their
    identity get #2, #3 in file order (they cannot be told apart any other way)."""
    seen: dict[str, int] = {}
    out = []
    for article, raw in found:
        key = identity_key(article, origin_key(raw.path, raw_dir))
        seen[key] = seen.get(key, 0) + 1
        out.append(dataclasses.replace(article, uid=_urn(key if seen[key] == 1 else f"{key}#{seen[key]}")))
    return out


def legacy_uids(origin: str, count: int) -> set[str]:
    """The ids Newsdesk gave before ids stopped depending on position: the Nth article of a raw file."""
    return {_urn(f"{origin}#{n}") for n in range(1, count + 1)}


def legacy_ids(manifest: Manifest) -> dict[tuple[tuple[str, ...], str], str]:
    """(origin, file stem) -> uid for the manifest's records whose uid is a positional one of old:
    an article still made from the same raw file under the same name keeps that uid (and its feed entry)."""
    out = {}
    for name, record in manifest.files.items():
        origin = tuple(o for o in record.get("origin") or () if isinstance(o, str))
        if origin and record.get("uid") in legacy_uids(origin[0].split("/", 1)[-1].split("#")[0], 20):
            out[(origin, name.removesuffix(".md"))] = record["uid"]
    return out


@dataclass(frozen=True)
class Edited:
    """An article file an editor changed (or wrote): its name and the fields the pipeline must respect."""

    name: str
    fields: dict


def edited_articles(manifest: Manifest, warn) -> dict[str, Edited]:
    """uid -> the edited file that carries it, found by the front matter's `uid` (so a renamed file
    is still that article); files the manifest says Newsdesk wrote, unchanged, are not read, and a
    file the manifest knows neither by name nor by uid sets nothing (a build killed before it
    saved the manifest leaves such files; the next build writes them again)."""
    out: dict[str, Edited] = {}
    known = {r.get("uid") for r in manifest.files.values()}
    for path in sorted(manifest.path.parent.glob("*.md")):
        name = path.name
        if not safe_name(name) or not manifest.edited(name):
            continue
        try:
            meta, _ = frontmatter.load(guard.read_text(path, guard.MAX_ARTICLE_BYTES))
        except (frontmatter.FrontMatterError, guard.GuardError) as exc:
            warn(str(path), f"{' '.join(str(exc).split())}; fix it by hand (Newsdesk will not overwrite it)")
            continue
        fields, _ = guard.check_mapping(meta, "front_matter", str(path), unknown="keep")
        uid = fields.get("uid") or (manifest.files.get(name) or {}).get("uid")
        if not isinstance(uid, str) or (name not in manifest.files and uid not in known):
            continue  # a file no build recorded under that name or id: a killed build's, or an editor's own article
        if uid in out:
            warn(str(path), f"has the uid of {out[uid].name}; the first is used. Give one of them another `uid:`")
            continue
        out[uid] = Edited(name, frontmatter.editor_fields(fields))
    return out
