"""Story ids that stay: what a grouping calls each group, and the editor's corrections.

A reader's bookmark and a feed reader's subscription point at a story's address, so an
id, once given, is kept:

- a group keeps the id its articles had before (the manifest's `known`); when the
  grouping splits an earlier story, its bigger part keeps the id;
- a group holding articles of several earlier stories (new coverage joined them) keeps
  the id of the oldest of them; the others are merged into it and their addresses
  redirect (redirects.py, from the ids each article had before);
- content/stories.yaml corrects the grouping by hand, and both corrections are applied
  again at every build:

      2024-03-rotterdam-dock-strike:
        merge: [2024-03-fnv-havens]          # that story is part of this one
        split: [raw/1c-courier-dock-strike.txt, northern-courier-ships-queue]  # these leave it

  `split` names articles by their raw file (as in `origin:`), their article file name
  or slug, or their uid; together they become a story of their own.
- an editor's `story:` on an article always wins (stories.group leaves it alone).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import guard
from .records import Article
from .slugs import slugify


@dataclass(frozen=True)
class Edits:
    """The corrections of content/stories.yaml: story -> stories merged into it, story -> articles leaving it."""

    merges: dict[str, tuple[str, ...]] = field(default_factory=dict)
    splits: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def merged_into(self) -> dict[str, str]:
        """Absorbed id -> the id that absorbs it (chains followed: c into b into a is c into a)."""
        direct = {b: a for a, bs in sorted(self.merges.items()) for b in bs if b != a}
        out = {}
        for b in direct:
            target, seen = direct[b], {b}
            while target in direct and target not in seen:
                seen.add(target)
                target = direct[target]
            out[b] = target
        return out


def load_edits(path: Path | None) -> tuple[Edits, list[str]]:
    """The `merge:` and `split:` entries of stories.yaml (read by guard), and what is wrong with them."""
    if path is None or not guard.exists(path):
        return Edits(), []
    entries, found = guard.load_entries(path, "story", "title")
    problems = [
        f"{p.field}: {p.message}" if p.field else p.message for p in found if not p.field or p.field.endswith(("merge", "split"))
    ]
    merges, splits = {}, {}
    for story, entry in entries.items():
        for key, into in (("merge", merges), ("split", splits)):
            values = tuple(v.strip() for v in entry.get(key) or () if v.strip())
            if not values:
                continue
            bad = [x for x in ([story, *values] if key == "merge" else [story]) if slugify(x) != x]
            if bad:  # an id is part of addresses and file names: only a slug is ever used as one
                problems.append(f"{story}: {', '.join(map(repr, bad))} is not a story id (a-z, 0-9, -); `{key}:` ignored")
                continue
            into[story] = values
    return Edits(merges, splits), problems


def refers_to(ref: str, article: Article) -> bool:
    """Whether an editor's `split:` entry names this article (raw file, article file or slug, uid)."""
    ref = ref.removesuffix(".md")
    if ref == article.uid or ref == article.slug:
        return True
    for origin in article.origin:
        path = origin.split("#", 1)[0]
        if ref in (origin, path, Path(path).name) or path.endswith("/" + ref):
            return True
    return ref == slugify(f"{article.source or ''} {article.title}")[:90].strip("-")


def key(article: Article) -> tuple:
    """Oldest first; then by origin, so the order never depends on the order files were listed."""
    return (article.date or date.max, article.origin, article.title)


def assign(
    groups: list[list[int]],
    articles: list[Article],
    subjects: frozenset[str],
    known: dict[str, str],
    taken: set[str],
    edits: Edits | None = None,
) -> dict[int, str]:
    """A story id for every index in `groups` (indices into `articles`).

    `taken` holds ids editors gave to articles themselves: a group can still keep such
    an id (it is the rest of that editor's story), but no new id repeats one.
    """
    edits = edits or Edits()
    groups, barred = _split(groups, articles, edits)
    # The earliest article ever known under each id tells which story is older.
    first_seen: dict[str, tuple] = {}
    counts: dict[str, Counter] = defaultdict(Counter)
    order = sorted(range(len(groups)), key=lambda g: key(articles[groups[g][0]]))
    rank = {g: n for n, g in enumerate(order)}
    for g, members in enumerate(groups):
        for i in members:
            story = known.get(articles[i].uid)
            if story and story not in barred.get(g, ()):
                counts[story][g] += 1
                first_seen[story] = min(first_seen.get(story, key(articles[i])), key(articles[i]))
    # Each earlier id goes to the group holding most of its articles (a split keeps it in its bigger part).
    owned: dict[int, list[str]] = defaultdict(list)
    for story, per_group in sorted(counts.items()):
        best = max(per_group, key=lambda g: (per_group[g], -rank[g]))
        owned[best].append(story)
    merged = edits.merged_into()
    story_of: dict[int, str] = {}
    used = set(taken) | set(counts) | set(merged.values())
    for g in order:
        # A group that joined several earlier stories keeps the oldest id; the others redirect to it.
        mine = sorted(owned.get(g, ()), key=lambda s: (first_seen[s], s))
        story = mine[0] if mine else _new_id([articles[i] for i in groups[g]], subjects, used)
        used.add(story)
        story = merged.get(story, story)
        for i in groups[g]:
            story_of[i] = story
    return story_of


def _split(groups: list[list[int]], articles: list[Article], edits: Edits) -> tuple[list[list[int]], dict[int, set[str]]]:
    """Articles an editor took out of a story leave their group and form one of their own."""
    if not edits.splits:
        return [sorted(g) for g in groups], {}
    leaving: dict[int, str] = {}
    for story, refs in sorted(edits.splits.items()):
        for members in groups:
            for i in members:
                if i not in leaving and any(refers_to(r, articles[i]) for r in refs):
                    leaving[i] = story
    out = [sorted(i for i in g if i not in leaving) for g in groups]
    out = [g for g in out if g]
    barred: dict[int, set[str]] = {}
    for story in sorted(set(leaving.values())):
        barred[len(out)] = {story}
        out.append(sorted(i for i, s in leaving.items() if s == story))
    return out, barred


def _new_id(members: list[Article], subjects: frozenset[str], taken: set[str]) -> str:
    """A readable id from the month and the topics most of the articles share."""
    counts = Counter(t for a in members for t in a.topics if t not in subjects)
    first = [t for a in members for t in a.topics if t not in subjects]
    ranked = sorted(counts, key=lambda t: (-counts[t], first.index(t)))
    dated = [a.date for a in members if a.date]
    prefix = min(dated).strftime("%Y-%m") if dated else "undated"
    words = ranked[:3] or [members[0].title]
    base = slugify(f"{prefix} {' '.join(words)}")[:80].strip("-") or prefix
    story, n = base, 2
    while story in taken:
        story, n = f"{base}-{n}", n + 1
    return story


def describe(edits: Edits, articles: list[Article]) -> list[str]:
    """What the corrections of stories.yaml did this build, for the build summary."""
    lines = []
    by_story = Counter(a.story for a in articles)
    for story, absorbed in sorted(edits.merges.items()):
        target = edits.merged_into().get(story, story)
        lines.append(f"stories.yaml: {', '.join(absorbed)} merged into {target} ({by_story.get(target, 0)} articles)")
    for story, refs in sorted(edits.splits.items()):
        moved = [a for a in articles if any(refers_to(r, a) for r in refs)]
        into = sorted({a.story for a in moved if a.story})
        missing = [r for r in refs if not any(refers_to(r, a) for a in articles)]
        line = f"stories.yaml: {len(moved)} article(s) split from {story}" + (f" into {', '.join(into)}" if into else "")
        if missing:
            line += f"; no article is {', '.join(missing)} (name its raw file, article file or uid)"
        lines.append(line)
    return lines
