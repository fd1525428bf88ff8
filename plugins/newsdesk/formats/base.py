"""What every format module is given and may raise (the format interface)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..profiles import Profiles
from ..topics import Vocabulary


class FormatError(ValueError):
    """A raw file this format cannot read, with what to do; the pipeline names the file."""


@dataclass(frozen=True)
class Context:
    profiles: Profiles = field(default_factory=Profiles)
    vocabulary: Vocabulary | None = None
