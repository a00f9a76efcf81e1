"""Tiny ``str -> str`` cleaners shared by the readers, each with a before/after example.

Every cleaner works on ONE line (or one cell) and never adds or removes a line break, so the
readers can apply them without disturbing line numbers. The markdown cleaners are here too;
the page-furniture tests used by the PDF reader (``is_page_number``, ``furniture_key``) as well.

>>> clean_reader_line("V\\u00c3\\u00a4lf\\u00c3\\u00a4rd\\u00a0\\x00r\\u00e5det")
'Välfärd rådet'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "clean_cell",
    "clean_reader_line",
    "drop_control_chars",
    "fix_mojibake",
    "furniture_key",
    "is_page_number",
    "markdown_inline",
    "normalize_newlines",
    "replace_nbsp",
    "strip_heading_marker",
    "to_nfc",
]


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF; Unicode line/paragraph separators become spaces.

    Only LF ends a line afterwards, so line numbers match ``grep -n`` and every editor.

    >>> normalize_newlines("a\\r\\nb\\rc\\u2028d")
    'a\\nb\\nc d'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", " ").replace("\u2029", " ")


# "Ã¤" is "ä" encoded as UTF-8 and decoded as cp1252 (double encoding). A 2-byte sequence starts
# with Â or Ã (lead bytes C2/C3 cover U+0080..U+00FF: åäöÅÄÖé§ and friends), a 3-byte one with
# â€ (E2 80: dashes, quotes, ellipsis). The continuation bytes 80..BF as cp1252 characters:
_CONT = "".join(ch for ch in (bytes([b]).decode("cp1252", errors="ignore") for b in range(0x80, 0xC0)) if ch)
_MOJIBAKE = re.compile(f"[ÂÃ][{re.escape(_CONT)}]|â€[{re.escape(_CONT)}]")


def _unmangle(match: re.Match[str]) -> str:
    try:
        return match.group().encode("cp1252").decode("utf-8")
    except UnicodeError:
        return match.group()


def fix_mojibake(line: str) -> str:
    """Repair UTF-8 text that was once decoded as cp1252 (double encoding), sequence by sequence.

    Only sequences that round-trip exactly are changed, so genuine text is left alone.

    >>> fix_mojibake("VÃ¤lfÃ¤rdsrÃ¥det Â§ 3 â€“ Ã–rebro")
    'Välfärdsrådet § 3 – Örebro'
    >>> fix_mojibake("Välfärdsrådet")
    'Välfärdsrådet'
    """
    if "Ã" not in line and "Â" not in line and "â€" not in line:
        return line
    return _MOJIBAKE.sub(_unmangle, line)


def to_nfc(line: str) -> str:
    """Compose decomposed letters (macOS file names, some PDFs): "a" + U+0308 becomes "ä".

    >>> to_nfc("A\\u030avesta") == "Åvesta"
    True
    """
    return unicodedata.normalize("NFC", line)


# C0 and C1 control characters except TAB, plus invisible format characters that only get in
# the way of matching: soft hyphen, zero-width space, word joiner, stray BOM.
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u00ad\u200b\u2060\ufeff]")


def drop_control_chars(line: str) -> str:
    """Remove control characters (NUL, form feed, ESC, ...) but keep TAB.

    >>> drop_control_chars("a\\x00b\\tc\\x0cd\\u00ade")
    'ab\\tcde'
    """
    return _CONTROL.sub("", line)


_NBSP = re.compile("[\u00a0\u2007\u202f]")


def replace_nbsp(line: str) -> str:
    """Non-breaking spaces (also narrow and figure spaces) become ordinary spaces.

    >>> replace_nbsp("§\\u00a03 kl.\\u202f14")
    '§ 3 kl. 14'
    """
    return _NBSP.sub(" ", line)


def clean_reader_line(line: str) -> str:
    """All the character-level cleaning a reader applies to every line, in a fixed order.

    (The parsers clean further with :func:`graph.text.clean_line`.)

    >>> clean_reader_line("Ã…sa\\u00a0Exempelsson\\x07")
    'Åsa Exempelsson'
    """
    return replace_nbsp(drop_control_chars(to_nfc(fix_mojibake(line))))


def clean_cell(text: str) -> str:
    """One table cell on one line: line breaks and tabs inside a cell become single spaces.

    >>> clean_cell(" Kim\\nExempelsson\\t(S) ")
    'Kim Exempelsson (S)'
    """
    return " ".join(clean_reader_line(text.replace("\t", " ").replace("\n", " ")).split())


# --- Markdown ---------------------------------------------------------------------------------

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")


def strip_heading_marker(line: str) -> str:
    """ATX heading markers go, the title stays.

    >>> strip_heading_marker("## 3. Ekonomi ##")
    '3. Ekonomi'
    >>> strip_heading_marker("#hashtag")
    '#hashtag'
    """
    match = _HEADING.match(line)
    if match is None:
        return line
    return match.group(1) or ""


_ESCAPABLE = "\\`*_{}[]()#+-.!|~<>"
# Escaped punctuation is parked in the private use area while the markup is stripped.
_PARK = {ch: chr(0xE000 + i) for i, ch in enumerate(_ESCAPABLE)}
_UNPARK = {v: k for k, v in _PARK.items()}
_ESCAPE = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Emphasis: the opening marker is followed, and the closing marker preceded, by a non-space.
# Underscores count only at word boundaries, so snake_case and file_name_v2 stay intact.
_STRONG_STAR = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_STRONG_UNDER = re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
_EM_STAR = re.compile(r"(?<!\*)\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)")
_EM_UNDER = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def markdown_inline(text: str) -> str:
    """Strip inline Markdown: emphasis, strike-through, links, images, code spans, escapes.

    >>> markdown_inline("**Beslut:** se [protokollet](https://x.se/p.pdf) och _bilaga 2_")
    'Beslut: se protokollet och bilaga 2'
    >>> markdown_inline("snake_case, Malung-Sälen, 3 * 4 * 5, ~~struken~~, \\\\*stjärna\\\\*")
    'snake_case, Malung-Sälen, 3 * 4 * 5, struken, *stjärna*'
    """
    text = _ESCAPE.sub(lambda m: _PARK[m.group(1)], text)
    text = _CODE.sub(r"\1", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _BR.sub(" ", text)
    for pattern in (_STRONG_STAR, _STRONG_UNDER, _STRIKE, _EM_STAR, _EM_UNDER):
        text = pattern.sub(r"\1", text)
    return "".join(_UNPARK.get(ch, ch) for ch in text)


# --- PDF page furniture -----------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"""^(?:
        (?:sida|sid\.?|page|s\.)\s*(?P<a>\d{1,4})(?:\s*(?:av|of|/|\()\s*(?P<b>\d{1,4})\)?)?  # Sida 3 av 7
      | (?P<c>\d{1,4})\s*\(\s*(?P<d>\d{1,4})\s*\)                                          # 3 (7)
      | (?P<e>\d{1,4})\s*/\s*(?P<f>\d{1,4})                                                # 3/7
      | [-–—]\s*(?P<g>\d{1,4})\s*[-–—]                                                     # - 3 -
      | (?P<h>\d{1,4})                                                                     # 3
    )$""",
    re.IGNORECASE | re.VERBOSE,
)


def is_page_number(line: str, page: int | None = None) -> bool:
    """True for a line that is only a page number: "Sida 3 av 7", "Sida 3", "3 (7)", "3/7", "- 3 -".

    A bare number counts only when it equals ``page`` (1-based), because a lone number near the
    edge of a page can be content; ``n/m`` counts only when n <= m (so it is not a date).

    >>> [is_page_number(s) for s in ("Sida 3 av 7", "sida 3", "3 (7)", "3/7", "8/7", "Bilaga 3")]
    [True, True, True, True, False, False]
    >>> is_page_number("3", page=3), is_page_number("2026", page=3)
    (True, False)
    """
    match = _PAGE_NUMBER.match(line.strip())
    if match is None:
        return False
    groups = match.groupdict()
    if groups["h"] is not None:
        return page is not None and int(groups["h"]) == page
    for n, m in (("a", "b"), ("c", "d"), ("e", "f")):
        if groups[n] is not None and groups[m] is not None:
            return int(groups[n]) <= int(groups[m])
    return True


_DIGITS = re.compile(r"\d+")


def furniture_key(line: str) -> str:
    """What a running header or footer looks like on every page: digits folded, spacing collapsed.

    >>> furniture_key("Protokoll  2026-03-12, sida 4")
    'protokoll #-#-#, sida #'
    """
    return " ".join(_DIGITS.sub("#", line).split()).casefold()
