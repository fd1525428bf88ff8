"""Progress of a big ingest: a line every NEWSDESK_PROGRESS_EVERY articles, so a 5,000-article
export is seen to move rather than taken for a hang.

Lines hold counts only, never times or rates: a build's log, saved to a file, is the same for
the same inputs. They go to the `newsdesk.progress` logger at INFO, which shows at a build's
default level (a logger's own level lets its records through to the console's handlers);
`newsdesk --quiet` and a site owner's logging settings can silence it like any other logger.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger("newsdesk.progress")
if log.level == logging.NOTSET:
    log.setLevel(logging.INFO)
if hasattr(log, "disable_filter"):  # Pelican's loggers drop a line said before in this process: each build says its own
    log.disable_filter()


def every_step(done: int, total: int, every: int) -> bool:
    """Whether the `done`-th of `total` items gets a line: every `every`th, and the last one.

    >>> [n for n in range(1, 12) if every_step(n, 11, 5)]
    [5, 10, 11]
    >>> every_step(3, 3, 5), every_step(3, 3, 0)
    (False, False)
    """
    return every > 0 and total >= every and (done % every == 0 or done == total)


def in_document(path: str, done: int, total: int, every: int) -> None:
    """One export's articles through metadata and topics (stages 4-5), in its worker."""
    if every_step(done, total, every):
        log.info("newsdesk: %s: %s of %s articles read", Path(path).name, f"{done:,}", f"{total:,}")


@dataclass
class Tally:
    """Documents and articles read so far (stages 1-5), told each time `every` more are read,
    and at the last document when anything was told before."""

    documents: int
    every: int
    read: int = 0
    articles: int = 0
    told: int = field(default=0, repr=False)  # multiples of `every` told so far

    def add(self, articles: int) -> None:
        self.read += 1
        self.articles += articles
        if self.every <= 0:
            return
        crossed = self.articles // self.every > self.told
        last = self.read == self.documents and self.told > 0 and self.articles % self.every > 0
        if crossed or last:
            self.told = self.articles // self.every
            log.info(
                "newsdesk: %s of %s documents read, %s articles so far",
                f"{self.read:,}",
                f"{self.documents:,}",
                f"{self.articles:,}",
            )


def stage(template: str, articles: int, every: int) -> None:
    """A stage over every article (stories, writing), said when there are many: `template`
    takes the count ("grouping {} articles into stories")."""
    if every > 0 and articles >= every:
        log.info("newsdesk: %s", template.format(f"{articles:,}"))
