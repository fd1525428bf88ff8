"""Source profiles: what is known of each publisher, as data in YAML files.

Adding a publisher means adding a file to `content/sources/`, never code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex

from . import agencies, guard
from .dates import FoundDate, parse_date
from .records import SourceProfile

log = logging.getLogger("newsdesk")


class ProfileError(ValueError):
    """A source profile file that cannot be used; the message names it."""


# A user's pattern is tried on these strings (each unit repeated) when its profile is loaded:
# one that slows down faster than the text grows would hang the build on some page, so it is refused.
PROBE_UNITS = ("a", "1", " ", "a ", "aA.", "-a", "a\n", "é", "A and ")
PROBE_LENGTHS = (1024, 8192)
PROBE_TIMEOUT = 0.5  # seconds for one probe; a linear pattern needs a millisecond
SEARCH_SECONDS_PER_MB = 1.0  # a search on the text itself may take this long (plus 50 ms) before it is given up


@dataclass(frozen=True)
class UserPattern:
    """A regular expression from a profile, run by the `regex` module with a time limit."""

    source: str
    compiled: regex.Pattern

    def _budget(self, text: str) -> float:
        return 0.05 + SEARCH_SECONDS_PER_MB * len(text) / 1048576

    def search(self, text: str):
        try:
            return self.compiled.search(text, timeout=self._budget(text))
        except TimeoutError:
            _gave_up(self.source, len(text))
            return None

    def finditer(self, text: str) -> list:
        try:
            return list(self.compiled.finditer(text, timeout=self._budget(text)))
        except TimeoutError:
            _gave_up(self.source, len(text))
            return []


def _gave_up(pattern: str, size: int) -> None:
    log.warning("profile pattern %r took too long on a text of %d characters: treated as not matching there", pattern, size)


def _slows_down(compiled: regex.Pattern) -> bool:
    """Whether a pattern's time grows faster than the text on some probe (or exceeds the limit).

    Each time is the fastest of three runs, so a busy machine pausing the build once does not
    make a good pattern look slow: a linear one takes microseconds where the bound is 50 ms.
    """
    for unit in PROBE_UNITS:
        times = []
        for n in PROBE_LENGTHS:
            text = (unit * n)[:n] + "!"  # an ending that fails most anchored patterns: the worst case
            best = PROBE_TIMEOUT
            for _ in range(3):
                start = time.perf_counter()
                try:
                    compiled.search(text, timeout=PROBE_TIMEOUT)
                except TimeoutError:
                    return True
                best = min(best, time.perf_counter() - start)
                if best < 0.005:
                    break
            times.append(best)
        if times[1] > 0.05 and times[1] > 20 * max(times[0], 1e-4):
            return True
    return False


@lru_cache(maxsize=256)
def compile_pattern(pattern: str, multiline: bool = False) -> UserPattern:
    """A user's pattern compiled and probed; ProfileError says what is wrong with it."""
    try:
        compiled = regex.compile(pattern, regex.MULTILINE if multiline else 0)
    except (regex.error, RecursionError, OverflowError) as exc:
        raise ProfileError(f"pattern {pattern!r}: {exc}") from exc
    if _slows_down(compiled):
        raise ProfileError(
            f"pattern {pattern!r} takes time that grows faster than the text (nested repeats such as (\\w+\\s?)*): "
            "refused, it could hang the build. Rewrite it without a repeat inside a repeat"
        )
    return UserPattern(pattern, compiled)


def load_profile(path: Path, problems: list | None = None) -> SourceProfile:
    """A source profile; fields of the wrong type are left out and added to `problems` (guard.Problem)."""
    try:
        data = guard.load_yaml(path)
    except guard.GuardError as exc:
        raise ProfileError(f"{path}: {exc}") from exc
    fields, found = guard.check_mapping(data, "profile", str(path))
    if "name" not in fields:
        raise ProfileError(f"{path}: a source profile needs at least `name:`")
    patterns = {}
    for kind in ("boilerplate", "date_patterns"):
        patterns[kind] = []
        for pattern in fields.get(kind, ()):
            try:
                compiled = compile_pattern(pattern, multiline=kind == "date_patterns")
            except ProfileError as exc:
                found.append(guard.Problem(str(path), kind, f"{exc}; this pattern is not used"))
                continue
            if kind == "date_patterns" and "date" not in compiled.compiled.groupindex:
                found.append(guard.Problem(str(path), kind, f"pattern {pattern!r} needs a group (?P<date>...); not used"))
                continue
            patterns[kind].append(pattern)
    if problems is not None:
        problems.extend(found)
    domain = fields.get("domain")
    return SourceProfile(
        key=path.stem,
        name=fields["name"],
        domain=domain,
        mastheads=tuple(dict.fromkeys((*fields.get("mastheads", ()), *fields.get("aliases", ()), fields["name"]))),
        country=fields.get("country"),
        language=fields.get("language"),
        boilerplate=tuple(patterns["boilerplate"]),
        date_patterns=tuple(patterns["date_patterns"]),
        url=fields.get("url") or (f"https://www.{domain}/" if domain else None),
    )


@dataclass(frozen=True)
class Profiles:
    """All known sources, looked up by masthead or domain."""

    items: tuple[SourceProfile, ...] = ()

    def by_masthead(self, line: str) -> SourceProfile | None:
        """The profile a masthead names; an agency's profile for any way `rules/agencies.yaml`
        prints it ("REUTER", "The Associated Press" for a profile named "AP" or the reverse)."""
        wanted = line.strip().casefold()
        for profile in self.items:
            if wanted in (m.casefold() for m in profile.mastheads):
                return profile
        agency = agencies.canonical(line)
        for profile in self.items if agency else ():
            if any(agencies.canonical(m) == agency for m in profile.mastheads):
                return profile
        return None

    def by_domain(self, domain: str) -> SourceProfile | None:
        wanted = domain.casefold().removeprefix("www.")
        for profile in self.items:
            if profile.domain and profile.domain.casefold() == wanted:
                return profile
        return None

    def by_name(self, name: str) -> SourceProfile | None:
        wanted = name.casefold()
        for profile in self.items:
            if profile.name.casefold() == wanted:
                return profile
        return None

    def profile_date(self, source: str | None, text: str) -> FoundDate | None:
        """The publication date as the source prints it ("Published: 19 Oct 2021"), by its profile's patterns."""
        profile = self.by_name(source) if source else None
        for pattern in profile.date_patterns if profile else ():
            for m in compile_pattern(pattern, multiline=True).finditer(text):
                if found := parse_date(m["date"]):
                    return found
        return None

    def boilerplate(self) -> tuple[UserPattern, ...]:
        """Every profile's boilerplate line patterns, compiled once, each search time-limited."""
        return tuple(compile_pattern(p) for profile in self.items for p in profile.boilerplate)


def load_profiles(
    folder: Path | None, on_error: Callable[[Path, str], None] | None = None, problems: list | None = None
) -> Profiles:
    """Every profile in a folder. With `on_error`, a broken one is reported (file, message)
    and left out, so the build goes on; without, the first error is raised (`newsdesk check`).
    A field of the wrong type or a refused pattern is left out and added to `problems`."""
    if folder is None or not folder.is_dir():
        return Profiles()
    loaded = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            loaded.append(load_profile(path, problems))
        except (ProfileError, OSError, UnicodeDecodeError) as exc:
            if on_error is None:
                raise
            on_error(path, " ".join(str(exc).removeprefix(f"{path}: ").split()))
    return Profiles(tuple(loaded))
