"""What one ingest run did, for the summary at its end (and for `STRICT=1`)."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("newsdesk")


@dataclass
class Report:
    """What one run did: articles written, kept, removed, and every file skipped or set aside."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)  # named in the summary, not a problem
    said_once: list[tuple[str, str]] = field(default_factory=list)  # warnings not to repeat next build
    notes: list[str] = field(default_factory=list)  # what editors' corrections did (stories.yaml)
    cached: bool = False  # nothing had changed: the previous run's result stands
    seconds: Counter = field(default_factory=Counter)  # per stage, summed over workers (never written to disk)
    quiet: bool = False  # a worker's report: its messages are logged when the pipeline replays them

    def warn(self, where: str, message: str) -> None:
        self.warnings.append((where, message))
        if not self.quiet:
            log.warning("%s: %s", where, message)

    def skip(self, where: str, message: str) -> None:
        self.skipped.append((where, message))
        if not self.quiet:
            log.error("%s: skipped: %s", where, message)

    def ignore(self, where: str, message: str) -> None:
        self.ignored.append((where, message))
        log.info("%s: not read: %s", where, message)

    def summary(self) -> str:
        """One line of counts, then one line per skipped file with the reason and what to do."""
        lines = [
            f"newsdesk: {len(self.written)} written, {len(self.unchanged)} unchanged, "
            f"{len(self.kept)} kept (edited by hand), {len(self.removed)} removed, "
            f"{len(self.skipped)} skipped, {len(self.warnings)} warnings"
        ]
        lines += [f"  skipped {where}: {why}" for where, why in self.skipped]
        lines += [f"  not read {where}: {why}" for where, why in self.ignored]
        lines += [f"  {note}" for note in self.notes]
        return "\n".join(lines)
