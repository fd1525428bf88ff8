"""What every format is given and may raise (the format interface; the lead's version replaces this one).

A format module offers FORMAT, KINDS, score(raw) and parse(group, ctx); `Context` carries
what parsing needs beyond the file, `FormatError` names what is wrong with a file and what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..profiles import Profiles
from ..topics import Vocabulary


class FormatError(ValueError):
    """A file the format cannot read: the message says what is wrong and what to do."""


@dataclass(frozen=True)
class Context:
    profiles: Profiles
    vocabulary: Vocabulary
