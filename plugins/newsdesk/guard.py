"""One guarded way in for every file Newsdesk reads: bounded, typed, and named when wrong.

Raw texts, sidecars, `collection.yaml`, source profiles, `topics.yaml`, `stories.yaml`,
articles' front matter, the manifest and the feed state all come from people or from
other tools, so none is trusted: a file is read only when it is a regular file under a
size limit (a FIFO or a link to /dev/zero is refused before it is opened for reading),
YAML is parsed with a loader that refuses alias bombs, cycles and deep nesting (a
document may name at most MAX_YAML_NODES values once aliases are expanded), and every
value is checked against a schema kept as data (`rules/schemas.yaml`). A problem is a
`Problem` naming the file, the field and what to do; the caller reports it and goes on.
"""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

import yaml

from .carriable import carriable, carriable_values  # noqa: F401 (guard is the one way in)

MAX_YAML_BYTES = 1024 * 1024  # a sidecar, profile or vocabulary; 1 MB is hundreds of times a real one
MAX_ARTICLE_BYTES = 16 * 1024 * 1024  # a Markdown article: a raw text's limit, twice over
MAX_JSON_BYTES = 64 * 1024 * 1024  # the manifest and feed state grow with the site
MAX_YAML_NODES = 100_000  # values in one document, aliases expanded: a bomb names billions
MAX_DEPTH = 64  # folders below content/raw, and YAML nesting
SCHEMAS = Path(__file__).with_name("rules") / "schemas.yaml"


class GuardError(ValueError):
    """A file that cannot be read at all; the message says why and what to do."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one field of one file, with what to do about it."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"`{self.field}`: {self.message}" if self.field else self.message


def read_bytes(path: Path, limit: int, *, head: bool = False) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else GuardError (`head`: its first `limit` bytes,
    whatever its size); opened non-blocking, checked with fstat first: a FIFO or a device costs nothing."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise GuardError(f"cannot be read ({exc.strerror or exc}): check that it exists and that you may read it") from exc
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise GuardError("cannot be read (Is a directory): check that it exists and that you may read it")
        if not stat.S_ISREG(info.st_mode):
            raise GuardError("is not a regular file (a device, pipe or socket, or a link to one): refused. Replace it by a file")
        if info.st_size > limit and not head:
            raise GuardError(
                f"is {info.st_size / 1048576:.1f} MB, over the {limit / 1048576:.0f} MB limit for this kind of file: "
                "split it or make it smaller"
            )
        data = handle.read(limit + (not head))
    if len(data) > limit:
        raise GuardError(f"grew past the {limit / 1048576:.0f} MB limit while it was read: refused")
    return data


def read_text(path: Path, limit: int) -> str:
    """UTF-8 text of a file (see read_bytes); a file in another encoding is named."""
    try:
        return read_bytes(path, limit).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GuardError(f"is not UTF-8 (byte {exc.start}): save it as UTF-8") from exc


class _Bounded:
    """Refuses documents naming too many values once aliases are expanded (a "billion
    laughs" is a few lines), cycles and deep nesting, before any value is built."""

    def get_single_node(self):
        node = super().get_single_node()
        if node is not None:
            _measure(node)
        return node


class BoundedLoader(_Bounded, yaml.SafeLoader):
    """PyYAML's safe loader, bounded; an impossible date such as 2021-02-30 stays a string
    for the schema to name."""


class FastBoundedLoader(_Bounded, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same with libyaml's parser (about ten times faster: front matter is read on every
    build, one file per article). libyaml refuses a few documents PyYAML reads (a lone
    surrogate escape), so a refusal is tried again with BoundedLoader, which names the field."""


def _timestamp(loader, node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


for _loader in (BoundedLoader, FastBoundedLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _measure(root: yaml.Node) -> None:
    """Count values as if every alias were copied, without copying: shared nodes are counted once
    and their size reused; a node inside itself (a cycle) or too deep is refused."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 0, False)]
    open_nodes: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            if size[key] > MAX_YAML_NODES:
                raise yaml.YAMLError(
                    f"names over {MAX_YAML_NODES:,} values once its aliases (*name) are expanded: "
                    "refused as an alias bomb. Write the values out, or use fewer aliases"
                )
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise yaml.YAMLError("an alias refers to a value that contains it (a cycle): refused. Remove the alias")
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(f"is nested over {MAX_DEPTH} levels deep: refused. Flatten it")
        open_nodes.add(key)
        stack.append((node, depth, True))
        stack.extend((c, depth + 1, False) for c in children if id(c) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [x for pair in node.value for x in pair]
    return []


def parse_yaml(text: str, first_line: int = 1):
    """YAML text to Python values with the bounded loader; GuardError says what is wrong and where
    (`first_line`: the file's line number of the text's first line)."""
    text = carriable(text)  # YAML refuses U+FFFE and the like outright
    try:
        try:
            return yaml.load(text, Loader=FastBoundedLoader)
        except yaml.YAMLError:
            return yaml.load(text, Loader=BoundedLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + first_line})" if mark else ""
        raise GuardError(f"is not valid YAML{line}: {' '.join(str(exc).split())}") from exc
    except RecursionError as exc:
        raise GuardError(f"is nested too deeply to read: refused. Flatten it (at most {MAX_DEPTH} levels)") from exc
    except (ValueError, TypeError, OverflowError) as exc:  # a constructor refusing a value (e.g. a bad tag)
        raise GuardError(f"is not valid YAML: {exc}") from exc


def load_yaml(path: Path, limit: int = MAX_YAML_BYTES):
    return parse_yaml(read_text(path, limit))


def load_json(path: Path, limit: int = MAX_JSON_BYTES):
    """JSON from a file; FileNotFoundError passes through (a missing state file is a fresh start)."""
    if not os.path.lexists(path):
        raise FileNotFoundError(path)
    try:
        return json.loads(read_text(path, limit))
    except (ValueError, RecursionError) as exc:
        raise GuardError(f"is not valid JSON ({exc})") from exc


KINDS = {"text": "text", "list": "texts", "date": "date", "int": "int", "choice": "choice", "pairs": "any"}


@cache
def schemas() -> dict:
    """rules/schemas.yaml, with the sidecar and front-matter schemas completed from records.Article
    (its fields' kinds and choices are the types; the file adds limits and the other fields)."""
    from .records import Article  # records imports nothing of Newsdesk's; here it is only the schema

    data = yaml.safe_load(SCHEMAS.read_text(encoding="utf-8"))
    limits = data.pop("article")
    for schema, flag, lists in (("sidecar", "sidecar", False), ("front_matter", "front", True)):
        rules = {}
        for f in dataclasses.fields(Article):
            if not f.metadata.get(flag, True) or "kind" not in f.metadata:
                continue
            rule = {"type": KINDS[f.metadata["kind"]], **limits.get(f.name, {})}
            if "choices" in f.metadata:
                rule["values"] = list(f.metadata["choices"])
            if lists and rule["type"] == "texts" and "list" not in rule:
                rule["list"] = True
            rules[f.name] = rule
        data[schema] = {**rules, **data[schema]}
    return data


def has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _text(value, rule: dict):
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None, f"must be text, not {_kind(value)}"
    value = carriable(str(value))
    if has_lone_surrogate(value):
        return None, "holds a character that is not valid Unicode (a lone surrogate); retype it"
    if len(value) > rule.get("max_length", 10_000):
        return None, f"is over {rule.get('max_length', 10_000)} characters long"
    if rule.get("nonempty") and not value.strip():
        return None, "is empty"
    return value, None


def _date(value, rule: dict):
    """A date (or a date and time) that exists and lies in the schema's range; kept as it came."""
    if not isinstance(value, date):
        return None, f"{_show(value)} is not a date that exists; write it as YYYY-MM-DD"
    day = value.date() if isinstance(value, datetime) else value
    low, high = rule.get("min", date(1800, 1, 1)), rule.get("max", date(2199, 12, 31))
    if not low <= day <= high:
        return None, f"{day} is outside the dates this site shows ({low} to {high}); correct the year"
    return value, None


def _int(value, rule: dict):
    if isinstance(value, bool) or not isinstance(value, int):
        return None, f"{_show(value)} must be a whole number"
    low, high = rule.get("min", 0), rule.get("max", 10**9)
    if not low <= value <= high:
        return None, f"{value} is outside {low} to {high}"
    return value, None


def check_value(value, rule: dict):
    """(clean value, None) or (None, what is wrong) for one value under one schema rule."""
    kind = rule["type"]
    if kind == "text":
        return _text(value, rule)
    if kind == "texts":  # a list of text, or one text unless the rule says `list: true`
        if rule.get("list") and not isinstance(value, list):
            return None, f"must be a list of text, e.g. `[one, two]`, not {_kind(value)}"
        if not isinstance(value, list | str):
            return None, f"must be a list of text, e.g. `[one, two]`, not {_kind(value)}"
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            clean, why = _text(item, {**rule, "nonempty": False})
            if why:
                return None, f"must be a list of text, e.g. `[one, two]` ({_show(item)} {why})"
            out.append(clean)
        return tuple(out), None
    if kind == "date":
        return _date(value, rule)
    if kind == "int":
        return _int(value, rule)
    if kind == "choice":
        if value not in rule["values"]:
            return None, f"{_show(value)} is not one of {', '.join(map(str, rule['values']))}"
        return value, None
    if kind == "path":  # an address inside the site: no scheme ("javascript:"), no "..", not absolute
        text, why = _text(value, rule)
        if why:
            return None, why
        if ":" in text.split("/", 1)[0] or ".." in text.split("/") or text.startswith(("/", "\\")):
            return None, f"{_show(text)} is not a path inside the site (e.g. `articles/x.html`)"
        return text, None
    if kind == "bool":
        return (value, None) if isinstance(value, bool) else (None, "must be true or false")
    if kind == "mapping":
        return (value, None) if isinstance(value, dict) else (None, f"must be a mapping of field: value, not {_kind(value)}")
    if kind == "any":
        return value, None
    raise ValueError(f"schema rule type {kind!r} unknown")


def check_mapping(data, schema: str, path: str, *, unknown: str = "warn") -> tuple[dict, list[Problem]]:
    """The fields of `data` that pass `schema` (from rules/schemas.yaml), and a Problem for each one that
    does not (it is left out). `unknown` fields are kept ("keep"), named and dropped ("warn") or kept silently."""
    rules = schemas()[schema]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, [Problem(path, "", f"must be a mapping of field: value, not {_kind(data)}; it is ignored until fixed")]
    clean, problems = {}, []
    for key, value in data.items():
        name = str(key)
        rule = rules.get(name)
        if rule is None:
            if unknown == "keep":
                clean[name] = value
            elif unknown == "warn":
                known = ", ".join(sorted(rules))
                problems.append(Problem(path, name, f"unknown field ignored (a typo?); known: {known}"))
            continue
        if value is None and not rule.get("required"):
            continue
        good, why = check_value(value, rule)
        if why:
            problems.append(Problem(path, name, f"{why}; the field is ignored until it is fixed"))
            continue
        clean[name] = good
    for name, rule in rules.items():
        if rule.get("required") and name not in clean and not any(p.field == name for p in problems):
            problems.append(Problem(path, name, "is missing; it is required"))
    return clean, problems


def _kind(value) -> str:
    return {dict: "a mapping", list: "a list", bool: "true/false", type(None): "empty"}.get(type(value), type(value).__name__)


def _show(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def walk_files(root: Path, max_depth: int = MAX_DEPTH) -> tuple[list[Path], list[Path]]:
    """Every file below `root` (links not followed into folders), without recursion, in a stable
    order; and the folders left unread because they are deeper than `max_depth`."""
    files, too_deep = [], []
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if depth + 1 > max_depth:
                    too_deep.append(path)
                else:
                    stack.append((path, depth + 1))
            else:
                files.append(path)
    return sorted(files), sorted(too_deep)


def printable_name(path: Path) -> str | None:
    """The path as text when its name is valid UTF-8 (it goes into front matter, URLs and logs), else None."""
    text = str(path)
    return None if has_lone_surrogate(text) else text


def load_entries(path: Path, schema: str, shorthand: str) -> tuple[dict[str, dict], list[Problem]]:
    """A YAML file of `id: {field: value}` entries (stories.yaml), each checked by `schema`; an entry
    that is only text sets its `shorthand` field. An unreadable file gives no entries and one Problem."""
    try:
        data = load_yaml(path) or {}
    except GuardError as exc:
        return {}, [Problem(str(path), "", f"{exc}; it is ignored until it is fixed")]
    if not isinstance(data, dict):
        return {}, [Problem(str(path), "", "must be `id: {field: value}` entries; it is ignored until it is fixed")]
    out, problems = {}, []
    for key, value in data.items():
        entry = value if isinstance(value, dict) else {shorthand: value}
        fields, found = check_mapping(entry, schema, str(path))
        problems += [Problem(p.path, f"{key}: {p.field}", p.message) for p in found]
        out[str(key)] = fields
    return out, problems


def exists(path: Path) -> bool:
    """Whether a path named in a file exists; a name no file can have (a NUL byte) does not."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def printable(text: str) -> str:
    """Text that any UTF-8 terminal or log can take: a lone surrogate (a file name in another encoding) escaped."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
