"""Source profiles: what is known of each publisher, as data in YAML files.

Adding a publisher means adding a file to `content/sources/`, never code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .dates import FoundDate, parse_date
from .records import SourceProfile


class ProfileError(ValueError):
    """A source profile file that cannot be used; the message names it."""


def _tuple(value) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def load_profile(path: Path) -> SourceProfile:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ProfileError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not data.get("name"):
        raise ProfileError(f"{path}: a source profile needs at least `name:`")
    boilerplate = _tuple(data.get("boilerplate"))
    date_patterns = _tuple(data.get("date_patterns"))
    for kind, patterns in (("boilerplate", boilerplate), ("date_patterns", date_patterns)):
        for pattern in patterns:
            try:
                compiled = re.compile(pattern)
            except re.error as exc:
                raise ProfileError(f"{path}: {kind} pattern {pattern!r}: {exc}") from exc
            if kind == "date_patterns" and "date" not in compiled.groupindex:
                raise ProfileError(f"{path}: date pattern {pattern!r} needs a group (?P<date>...)")
    return SourceProfile(
        key=path.stem,
        name=str(data["name"]),
        domain=data.get("domain"),
        mastheads=tuple(dict.fromkeys((*_tuple(data.get("mastheads")), *_tuple(data.get("aliases")), str(data["name"])))),
        country=data.get("country"),
        language=data.get("language"),
        boilerplate=boilerplate,
        date_patterns=date_patterns,
        url=data.get("url") or (f"https://www.{data['domain']}/" if data.get("domain") else None),
    )


@dataclass(frozen=True)
class Profiles:
    """All known sources, looked up by masthead or domain."""

    items: tuple[SourceProfile, ...] = ()

    def by_masthead(self, line: str) -> SourceProfile | None:
        wanted = line.strip().casefold()
        for profile in self.items:
            if wanted in (m.casefold() for m in profile.mastheads):
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
            for m in re.finditer(pattern, text, re.MULTILINE):
                if found := parse_date(m["date"]):
                    return found
        return None

    def boilerplate(self) -> tuple[re.Pattern, ...]:
        return tuple(re.compile(p) for profile in self.items for p in profile.boilerplate)


def load_profiles(folder: Path | None, on_error: Callable[[Path, str], None] | None = None) -> Profiles:
    """Every profile in a folder. With `on_error`, a broken one is reported (file, message)
    and left out, so the build goes on; without, the first error is raised (`newsdesk check`)."""
    if folder is None or not folder.is_dir():
        return Profiles()
    loaded = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        try:
            loaded.append(load_profile(path))
        except (ProfileError, OSError, UnicodeDecodeError) as exc:
            if on_error is None:
                raise
            on_error(path, " ".join(str(exc).removeprefix(f"{path}: ").split()))
    return Profiles(tuple(loaded))
