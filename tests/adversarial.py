"""Texts made to be slow: what a regular expression that backtracks, or a cleaning step that
rescans the text, turns into minutes. Shared by tests/test_hostile.py and bench/hostile.py.

Each body is repeated up to the size asked for and put under the opening lines of each
format, so every parser (and the topic, date and story stages after it) reads it.
"""

from __future__ import annotations

# Runs that make nested or overlapping repeats backtrack: hyphenated line ends, capitals,
# names joined by "and", digits, dots, quotes, and all of them mixed on one line.
BODIES = {
    "plain": "Officials said the talks would resume after a short pause in the capital.\n",
    "hyphens": "the diplo-\nmatic two-decade-\nold coun-\ncil vice-\n",
    "capitals": "NATO RUSSIA KREMLIN Lavrov Stoltenberg Moscow Brussels ",
    "names-and": "By John Smith and Jane Doe and Ann Lee and Tom Fry and ",
    "digits": "2021 10 18 27 28 29 30 31 1.93 16 3.2 157 ",
    "dots": "Mr. St. U.S. A.B.C. ... . . . ",
    "quotes": "\"'“”‘’\"'“ «» ",
    "mixed": 'A. B-\nand C. 1,2 "D" E-F-G ?? AFP ?? ',
}

# First and last lines that make each format's parser take the text (tests check it does).
HEADS = {
    "plain": "A headline for the generated text\n\n",
    "clipping": "Bangkok Post\n\nKremlin breaks ties with Nato\n\n-\n\nBy John Smith and ",
    "wire": "SANDOZ PLANS VENTURE\n    BASLE, March 3 - Sandoz said ",
    "factiva": "Russia breaks ties\nBy John Smith and\n512 words\n18 October 2021\nBangkok Post\nEnglish\n\n",
    "report": "Page 27 - RU\nP. 27\n2.6 Russia breaks of diplomatic ties with NATO\n",
}
TAILS = {
    "plain": "",
    "clipping": "\nNewspapers in English\n",
    "wire": "\nReuter\n",
    "factiva": "\nPage 1 of 1 © 2021 Factiva, Inc. All rights reserved.\n",
    "report": "\n25 26 27 28 29\n",
}


def body(kind: str, size: int, *, newlines: bool = True) -> str:
    """`size` characters of one body kind; without `newlines`, as one single line."""
    unit = BODIES[kind] if newlines else BODIES[kind].replace("\n", " ")
    return (unit * (size // len(unit) + 1))[:size]


def text(head: str, kind: str, size: int, *, newlines: bool = True) -> str:
    return HEADS[head] + body(kind, size, newlines=newlines) + "\n" + TAILS[head]
