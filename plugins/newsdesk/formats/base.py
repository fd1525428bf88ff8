"""What every format module shares: the context a parser reads, and how it says a text is bad.

A format module offers `FORMAT`, `KINDS`, `score(raw)`, optionally `group(raws)` and `MANY`
(True: one file holds many articles, an export, so it may be bigger; limits.py), and
`parse(group, ctx)`; the registry in `formats/__init__.py` lists them in order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..profiles import Profiles
from ..records import RawText
from ..vocabulary import Vocabulary

# A warning starting with this is also said in the build's summary: what the user can do
# about it (a source profile to save, say).
SUGGESTION = "suggestion: "


class FormatError(ValueError):
    """A text of this format that cannot give an article; the message says what to do."""


@dataclass(frozen=True)
class Context:
    """What a parser may read besides its texts: the source profiles and the topic vocabulary."""

    profiles: Profiles = field(default_factory=Profiles)
    vocabulary: Vocabulary | None = None


def each_alone(raws: list[RawText]) -> list[list[RawText]]:
    """The default grouping: every file is one document."""
    return [[raw] for raw in raws]
