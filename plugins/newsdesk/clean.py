"""Stage 3: small pure fixers for the debris every raw format shares.

Each fixer takes and returns plain text (or lines), so the format parsers can
apply the ones they need and tests can pin each rule on a real case.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import yaml

from .languages import rules_for

NBSP = "\u00a0"
SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")
PAGE_NUMBER_RUN = re.compile(r"^[\s\u00a0]*(?:\d{1,4}[\s\u00a0]+){2,}\d{1,4}[\s\u00a0]*$")
SENTENCE_END = re.compile(r"""[.!?…:;]["'”’)\]]*$|["”’]$""")
HYPHENATED = re.compile(r"(?<![\w-])\w+(?:-\w+)+")  # starts at a word's start only: linear
WORD_START = re.compile(r"[\w-]+")
MAX_WORD = 64  # letters in a word split over two lines; a longer run is not a word
GLUED_CAPS = re.compile(r"\b([A-Z][a-z]{2,})([A-Z][a-z]{2,})\b")
DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z.'’\-]+(?:[ ,]+[A-Z][A-Za-z.'’\-]+){0,3})
        (?:\s*\((?P<agency>[A-Za-z][\w ]{0,20})\))?
        \s*(?::|\s[-–—])\s+(?=\S)""",
    re.VERBOSE,
)


def squeeze_spaces(line: str) -> str:
    """Runs of spaces (non-breaking too) become one space; ends are stripped.

    >>> squeeze_spaces("  Russia\u00a0\u00a0said  ")
    'Russia said'
    """
    return SPACES.sub(" ", line).strip()


def is_page_number_run(line: str) -> bool:
    """A row of page numbers from a PDF's page navigation.

    >>> is_page_number_run("\u00a0\u00a0 25\u00a0 \u00a0 26\u00a0 27 28 29")
    True
    >>> is_page_number_run("In 2014 2015 and 2016")
    False
    """
    return bool(PAGE_NUMBER_RUN.match(line))


def _hyphenated_words(text: str) -> set[str]:
    """Every "left-right" the text spells with its hyphen on one line ("two-decade-old" gives
    "two-decade-old" and "decade-old"), in one pass; a run longer than any word is not one."""
    found = set()
    for m in HYPHENATED.finditer(text):
        parts = m.group(0).split("-")
        if len(parts) <= 8 and len(m.group(0)) <= 8 * MAX_WORD:
            found.update("-".join(parts[i:]) for i in range(len(parts) - 1))
    return found


def _word_before_hyphen(line: str) -> int | None:
    """Where the word hyphenated at the end of `line` starts ("diplo-" -> 0), or None; a look back
    of at most MAX_WORD characters, so joining a long run of lines stays linear."""
    if not line or line[-1] not in "-\u00ad":
        return None
    start = len(line) - 1
    while start > 0 and len(line) - start <= MAX_WORD and (line[start - 1].isalnum() or line[start - 1] == "_"):
        start -= 1
    if start == len(line) - 1 or len(line) - start > MAX_WORD:
        return None
    return start


def rejoin_hyphenated(lines: list[str], *, keep_hyphens: bool = False, language: str | None = None) -> list[str]:
    """Join words split across lines by hyphenation ("diplo-" / "matic").

    A hyphen is kept when the text elsewhere spells the word with it, or always
    with `keep_hyphens` (wire copy breaks lines only at spaces and real hyphens), and
    before a capital ("Asia-" / "Pacific", German "CDU-" / "Politiker"). The language's
    rules name the words a hyphen stands before as a word of its own (German "Ost-" / "und West").
    Linear in the text: the hyphenated spellings are collected once, and a line being
    joined is kept as pieces, looked at only at its end.

    >>> rejoin_hyphenated(["broke off diplo-", "matic ties"])
    ['broke off diplomatic ties']
    >>> rejoin_hyphenated(["a two-decade-", "old council, a two-decade-old one"])
    ['a two-decade-old council, a two-decade-old one']
    >>> rejoin_hyphenated(["James Fry, vice-", "president of GM"], keep_hyphens=True)
    ['James Fry, vice-president of GM']
    >>> rejoin_hyphenated(["die CDU-", "Politiker aus Ost-", "und Westdeutschland"], language="de")
    ['die CDU-Politiker aus Ost- und Westdeutschland']
    """
    spelled = None if keep_hyphens else _hyphenated_words(" ".join(lines))
    kept_before = _hyphen_words(language)
    out: list[list[str]] = []
    for line in lines:
        nxt = line.lstrip()
        start = _word_before_hyphen(out[-1][-1]) if out and nxt else None
        if start is not None:
            last = out[-1][-1]
            head = nxt.split(" ", 1)[0]
            if head in kept_before:  # "Ost-" / "und West": the hyphen stands for a word
                out[-1].append(" " + nxt)
                continue
            if nxt[:1].isupper() and nxt[1:2].isalpha():  # "Asia-" / "Pacific": a compound, hyphen kept
                out[-1].append(nxt)
                continue
            if nxt[:1].islower():
                word = WORD_START.match(head)
                right = word.group(0) if word else head
                keep = keep_hyphens or f"{last[start:-1]}-{right}" in spelled
                out[-1][-1] = last[:-1] + ("-" if keep else "")
                out[-1].append(nxt)
                continue
        out.append([line])
    return ["".join(pieces) for pieces in out]


def _hyphen_words(language: str | None) -> frozenset[str]:
    rules = rules_for(language)
    return rules.hyphen_kept_before if rules else frozenset()


def is_wrapped(lines: list[str]) -> bool:
    """Whether a page was hard-wrapped at a fixed width (so lines are not paragraphs)."""
    lengths = [len(x.strip()) for x in lines if x.strip()]
    if len(lengths) < 3:
        return False
    lengths.sort()
    p80 = lengths[int(len(lengths) * 0.8) - 1]
    return p80 <= 130


def reflow(lines: list[str], *, wrapped: bool | None = None, language: str | None = None) -> list[str]:
    """Turn the lines of one text block into paragraphs.

    Blank lines always end a paragraph. In a hard-wrapped block, a line ends a
    paragraph when it ends a sentence well short of the wrap width or the next
    line is indented; otherwise one line is one paragraph unless it stops mid-sentence.
    `wrapped` says so when the format knows (Factiva pages always are); else it is guessed.

    >>> reflow(["One paragraph that is long enough to be a line of its own.", "Two."])
    ['One paragraph that is long enough to be a line of its own.', 'Two.']
    >>> reflow(["A sentence cut", "in two.", "", "Next."])
    ['A sentence cut in two.', 'Next.']
    >>> reflow(["Earnings rose 3.2 percent, to", "$157 million."], wrapped=True)
    ['Earnings rose 3.2 percent, to $157 million.']
    >>> reflow(["Prices fell to their lowest level since", "2020 as reservoirs filled."])
    ['Prices fell to their lowest level since 2020 as reservoirs filled.']
    """
    lines = rejoin_hyphenated(lines, language=language)
    wrapped = is_wrapped(lines) if wrapped is None else wrapped
    width = max((len(x.rstrip()) for x in lines), default=0)
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(squeeze_spaces(" ".join(current)))
            current.clear()

    for i, raw in enumerate(lines):
        line = raw.rstrip()
        if not line.strip():
            flush()
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        indented_next = bool(nxt.strip()) and (len(nxt) - len(nxt.lstrip())) >= 2
        current.append(line.strip())
        ends_sentence = bool(SENTENCE_END.search(line.strip()))
        if wrapped:
            short = len(line) < 0.85 * width
            if is_crosshead(lines, i, width):
                current.pop()
                flush()
                current.append(line.strip())
                flush()
            elif (ends_sentence and short) or indented_next:
                flush()
        elif ends_sentence or not (nxt.strip()[:1].islower() or nxt.strip()[:1].isdigit()):
            flush()
    flush()
    return [p for p in paragraphs if p]


def is_crosshead(lines: list[str], i: int, width: int) -> bool:
    """A short line between a finished sentence and a new one: a subheading inside the story.

    >>> is_crosshead(["ended.", "Long operations", "The fire spread."], 1, 40)
    True
    >>> is_crosshead(["the fire was put out by", "the crews", "late on Sunday."], 1, 40)
    False
    """
    line = lines[i].strip()
    before = lines[i - 1].strip() if i > 0 else ""
    after = lines[i + 1].strip() if i + 1 < len(lines) else ""
    return (
        0 < len(line) <= 0.5 * width
        and len(line.split()) <= 6
        and line[:1].isupper()
        and not SENTENCE_END.search(line)
        and not line.endswith(",")
        and bool(SENTENCE_END.search(before))
        and after[:1].isupper()
    )


def lift_drop_cap(title: str, first_line: str) -> tuple[str, str]:
    """Give back a drop capital that text extraction put at the end of the headline.

    >>> lift_drop_cap("Fire destroys empty house N", "OYELLES-GODAULT. It was 11am")
    ('Fire destroys empty house', 'NOYELLES-GODAULT. It was 11am')
    >>> lift_drop_cap("Plan B", "The plan")
    ('Plan B', 'The plan')
    """
    m = re.match(r"^(.*\S)\s+([A-ZÀ-Þ])$", title)
    if m and re.match(r"^[A-ZÀ-Þ]{2,}", first_line.lstrip()):
        return m.group(1), m.group(2) + first_line.lstrip()
    return title, first_line


def restore_dropped_dashes(text: str) -> str:
    """Put back a dash the e-paper dropped between two capitalised words.

    Only where both halves stand as words elsewhere in the same text, so
    names such as "McDonald" or "YouTube" are left alone.

    >>> restore_dropped_dashes("the NatoRussia Council; Nato and Russia met")
    'the Nato-Russia Council; Nato and Russia met'
    >>> restore_dropped_dashes("watched on YouTube")
    'watched on YouTube'
    """
    words = Counter(re.findall(r"\b[A-Z][a-z]+\b", text))

    def fix(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if words[left] and words[right]:
            return f"{left}-{right}"
        return m.group(0)

    return GLUED_CAPS.sub(fix, text)


def split_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """Take a dateline ("MOSCOW:", "WASHINGTON (AP) -") off a first paragraph.

    Returns (place, agency, rest of the paragraph).

    >>> split_dateline("MOSCOW: Russia said on Monday it was leaving.")
    ('MOSCOW', None, 'Russia said on Monday it was leaving.')
    >>> split_dateline("WASHINGTON (AP) - The Senate voted.")
    ('WASHINGTON', 'AP', 'The Senate voted.')
    >>> split_dateline("NATO said on Monday it was leaving.")
    (None, None, 'NATO said on Monday it was leaving.')
    """
    m = DATELINE.match(paragraph)
    if not m:
        return None, None, paragraph
    place = m.group("place").strip(" ,")
    letters = [c for c in place if c.isalpha()]
    if sum(c.isupper() for c in letters) < 0.6 * len(letters) or len(letters) < 3:
        return None, None, paragraph
    return place, m.group("agency"), paragraph[m.end() :]


def learn_repeated_lines(pages: list[list[str]], min_pages: int = 3) -> set[str]:
    """Lines (digits masked) repeated on many pages of one report: running heads and feet."""
    if len(pages) < min_pages:
        return set()
    seen = Counter()
    for lines in pages:
        seen.update({mask_digits(x) for x in lines if x.strip()})
    return {line for line, n in seen.items() if n >= max(min_pages, len(pages) // 2 + 1)}


def mask_digits(line: str) -> str:
    """The shape of a line with its numbers hidden, so page 27 and page 28 compare equal.

    >>> mask_digits(" 27 RUSSIA Country Report")
    '# RUSSIA Country Report'
    """
    return re.sub(r"\d+", "#", squeeze_spaces(line))


TITLE_RULES = Path(__file__).with_name("rules") / "titles.yaml"


@cache
def _title_rules() -> dict[str, frozenset[str]]:
    data = yaml.safe_load(TITLE_RULES.read_text(encoding="utf-8"))
    return {"small_words": frozenset(data["small_words"]), "acronyms": frozenset(data["acronyms"])}


def readable_title(title: str, body: str) -> str:
    """An ALL-CAPS headline in the case the text itself uses for each word.

    A word takes its spelling from the body ("SANDOZ" -> "Sandoz"); acronyms the
    rules list or the body spells in capitals stay, as do words without a vowel
    ("GM"); small words go lower case and the rest is capitalised. Headlines in mixed case are left alone.

    >>> readable_title("SANDOZ PLANS WEEDKILLER JOINT VENTURE IN USSR", "Sandoz AG said it planned a venture")
    'Sandoz Plans Weedkiller Joint Venture in USSR'
    >>> readable_title("OCCIDENTAL <OXY> OFFICIAL RESIGNS", "Occidental Petroleum Corp <OXY> said")
    'Occidental <OXY> Official Resigns'
    >>> readable_title("Kremlin breaks ties", "")
    'Kremlin breaks ties'
    """
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.islower() for c in letters) > 0.2 * len(letters):
        return title
    rules = _title_rules()
    spelled: dict[str, Counter] = {}
    for word in re.findall(r"[A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z]", body):
        spelled.setdefault(word.casefold(), Counter())[word] += 1

    def one(word: str, first: bool) -> str:
        key = word.casefold()
        seen = spelled.get(key, Counter())
        mixed = [(n, w) for w, n in seen.items() if not w.islower() and not w.isupper()]
        if word in rules["acronyms"] or (word.isupper() and seen[word] and len(word) > 1):
            return word
        if key in rules["small_words"] and not first:
            return key
        if mixed and (not seen.get(key) or max(mixed)[0] >= seen[key]) and not max(mixed)[1][1:].islower():
            return max(mixed)[1]
        if word.isupper() and not re.search(r"[AEIOUY]", word) and len(word) > 1:
            return word
        return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))

    out = []
    first = True
    for token in re.split(r"(\s+|<[^>]*>)", title):
        if not token or token.isspace() or token.startswith("<"):
            out.append(token)
            continue
        m = re.match(r"^([^A-Za-z]*)([A-Za-z][A-Za-z'’.&-]*[A-Za-z]|[A-Za-z])?(.*)$", token)
        lead, word, tail = m.group(1), m.group(2), m.group(3)
        out.append(f"{lead}{one(word, first) if word else ''}{tail}")
        first = first and not word
    return "".join(out)
