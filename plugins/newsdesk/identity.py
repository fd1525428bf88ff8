"""Which article is which, from build to build, whatever else moves on the page.

An article's id (`uid`, the feeds' entry id too) comes from what the article is — the
export's accession number when it has one, else its source, date and headline — never
from its place in the raw file, so articles can be inserted above, removed or reordered
without one taking another's id (and with it an editor's corrections). An edited article
is found by the `uid` in its front matter, whatever its file is now called.
"""

from __future__ import annotations

import dataclasses
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter, guard
from .records import Article
from .store import Manifest, safe_name

UID_NAMESPACE = uuid.UUID("6f1c1a52-8f0e-4d7c-9a43-6b0f2f0c5e11")


def _urn(key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(UID_NAMESPACE, key)}"


def identity_key(article: Article, origin_key: str) -> str:
    """What makes an article itself: its accession number, else source, date and headline
    (case, spacing and accents aside); the raw file only when neither source nor date is known.

    >>> a = Article(origin=("x.txt",), format="plain", title="Talks  Resume", body=(), source="AP")
    >>> identity_key(a, "x.txt") == identity_key(dataclasses.replace(a, title="talks resume"), "y.txt")
    True
    """
    accession = getattr(article, "accession", None)
    if accession:
        return f"accession:{' '.join(str(accession).split())}"
    title = " ".join(unicodedata.normalize("NFKC", article.title).casefold().split())
    when = article.date.isoformat() if article.date else ""
    where = "" if article.source or when else f"|{origin_key}"
    return f"{(article.source or '').casefold()}|{when}|{title}{where}"


def assign(articles: list[Article], origin_key) -> list[Article]:
    """Each article with its uid; two articles that are the same by every field get #2, #3 in
    file order (they cannot be told apart any other way)."""
    seen: dict[str, int] = {}
    out = []
    for article in articles:
        key = identity_key(article, origin_key(article))
        seen[key] = seen.get(key, 0) + 1
        out.append(dataclasses.replace(article, uid=_urn(key if seen[key] == 1 else f"{key}#{seen[key]}")))
    return out


def legacy_uids(origin_key: str, count: int) -> set[str]:
    """The ids Newsdesk gave before ids stopped depending on position: the Nth article of a raw file."""
    return {_urn(f"{origin_key}#{n}") for n in range(1, count + 2)}


@dataclass(frozen=True)
class Edited:
    """An article file an editor changed (or wrote): its name and the fields the pipeline must respect."""

    name: str
    fields: dict


def edited_articles(manifest: Manifest, warn) -> dict[str, Edited]:
    """uid -> the edited file that carries it, found by the front matter's `uid` (so a renamed file
    is still that article); files the manifest says Newsdesk wrote, unchanged, are not read."""
    folder = manifest.path.parent
    out: dict[str, Edited] = {}
    for path in sorted(folder.glob("*.md")):
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
        if not isinstance(uid, str):
            continue
        if uid in out:
            warn(str(path), f"has the uid of {out[uid].name}; the first is used. Give one of them another `uid:`")
            continue
        out[uid] = Edited(name, frontmatter.editor_fields(fields))
    return out


def names_for(articles: list[Article], manifest: Manifest, edited: dict[str, Edited], slug_for) -> dict[str, str]:
    """uid -> file name: the edited file carrying the uid, else the one the manifest recorded for it,
    else a new unique name from `slug_for(article)`."""
    taken: set[str] = set()
    names: dict[str, str] = {}
    for article in articles:
        name = edited[article.uid].name if article.uid in edited else manifest.file_for(article.uid)
        if name and name not in taken and safe_name(name):
            taken.add(name)
            names[article.uid] = name
    for article in articles:
        if article.uid not in names:
            names[article.uid] = slug_for(article, {Path(n).stem for n in taken}) + ".md"
            taken.add(names[article.uid])
    return names
