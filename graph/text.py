"""The one text module: folding names for comparison, slugs for ids, the parsers' line cleaner.

Every layer compares text through :func:`fold`: the parsers and entity resolution
(``loaders/``), the query layer (``queries/``) and the Neo4j side, which stores ``fold`` of every
name as its search key and folds the search words with the same function, so a search answers
the same on both backends.

>>> fold("Hälso\\u00adsjukvård i hemmet"), fold("Ærø kommune"), fold("  Malung-Sälen,  LCHNV ")
('halsosjukvard i hemmet', 'aero kommune', 'malung salen lchnv')
>>> slug("Styrgruppen för Länschefsnätverket")
'styrgruppen-for-lanschefsnatverket'
>>> clean_line("a) **Information: BIRK**  (Bilaga 4)")
'a) Information: BIRK (Bilaga 4)'
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["TRANSLITERATIONS", "clean_line", "fold", "slug"]

#: Letters that Unicode does not decompose into a base letter and an accent, written as Latin
#: letters (NFKD leaves "æ" and "ø" alone, so stripping accents alone would keep or drop them).
TRANSLITERATIONS: dict[str, str] = {
    "æ": "ae",
    "ø": "o",
    "œ": "oe",
    "ß": "ss",
    "ẞ": "ss",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "þ": "th",
    "ħ": "h",
    "ŧ": "t",
    "ŋ": "n",
    "ı": "i",
    "ĸ": "k",
    "ſ": "s",
    "ƒ": "f",
    "ƀ": "b",
    "ɨ": "i",
    "ʉ": "u",
}
_SOFT_HYPHEN = "\u00ad"


def _fold_char(ch: str) -> str:
    """What one character folds to: lower case, no accents, transliterated; a space if not a letter
    or digit; nothing for a soft hyphen or a combining accent."""
    if ch == _SOFT_HYPHEN:
        return ""
    text = unicodedata.normalize("NFKD", ch.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = "".join(TRANSLITERATIONS.get(c, c) for c in text)
    return "".join(c if c.isalnum() else " " for c in text)


class _FoldTable(dict):
    """``str.translate`` table: code point -> folded text, filled in once per character met."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


#: ASCII, Latin-1 and Latin Extended-A/B up front (the common letters); others when first met.
_TABLE = _FoldTable((code, _fold_char(chr(code))) for code in range(0x250))


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str | None) -> str:
    """Case-folded, accents removed, letters like æ ø ß transliterated, every run of other
    characters (punctuation, hyphens, white space) one space: the form names are compared in.

    A soft hyphen (U+00AD) is deleted, not made a space: it only marks where a word may break.
    On hot paths (entity resolution, the query indexes): one ``str.translate`` over a table that
    learns each character once, and a cache of recent answers.

    >>> fold("Helén  Kastemyr"), fold("Inga-Lill Frank"), fold("Sø\\u00adren Østergård")
    ('helen kastemyr', 'inga lill frank', 'soren ostergard')
    >>> fold(None), fold(""), fold("  –  ")
    ('', '', '')
    """
    if not text:
        return ""
    return " ".join(str(text).translate(_TABLE).split())


_NON_WORD = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=1 << 16)
def slug(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the readable part of a node id.

    Kept exactly as ids were always made (letters without an ASCII base, such as "ø", are dropped
    rather than transliterated), so the ids of a store and of its ``corrections.json`` stay valid.

    >>> slug("Malung-Sälen"), slug("Åsa Dedering"), slug("§ 3")
    ('malung-salen', 'asa-dedering', '3')
    >>> slug("---")
    'x'
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_WORD.sub("-", text).strip("-") or "x"


# --- the parsers' line cleaner ------------------------------------------------------------------
_MD_EMPHASIS = re.compile(r"(\*\*|__|~~|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*]))")
_STRAY_QUOTES = re.compile(r"(?:(?<=\s)|^)[‘’`´]")
# three or more spaces inside a line: a column gap in a table laid out with spaces
_COLUMN_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
# Markdown headings ("### 5. Ekonomi"); list bullets stay, parsers read them as list items
_HEADING_MARK = re.compile(r"^\s*#{1,6}\s+")


def clean_line(line: str) -> str:
    """The parsers' cleaner of one reader line: Markdown emphasis and heading marks and stray quote
    marks a converter left go, white space folds, a column gap of 3+ spaces becomes a tab.

    (The readers' own character-level cleaner is ``loaders.readers.cleaners.clean_reader_line``.)

    >>> clean_line("a) **Information: BIRK**  (Bilaga 4)")
    'a) Information: BIRK (Bilaga 4)'
    >>> clean_line("Beställare ‘Länschefsnätverket genom dess styrgrupp. ")
    'Beställare Länschefsnätverket genom dess styrgrupp.'
    >>> clean_line("### 5. Ekonomi")
    '5. Ekonomi'
    """
    line = _HEADING_MARK.sub("", line)
    line = line.replace("\u00a0", " ").replace(_SOFT_HYPHEN, "")
    line = _MD_EMPHASIS.sub("", line)
    line = _STRAY_QUOTES.sub("", line)
    line = _COLUMN_GAP.sub("\t", line.rstrip())
    cells = [" ".join(cell.split()) for cell in line.split("\t")]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cells).strip()
