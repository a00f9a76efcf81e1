"""Plain text (.txt) and Markdown (.md): bytes -> str -> one output line per line of the file.

Reading is separate from parsing: ``read_text``/``read_markdown`` touch the file, while
``decode``, ``text_to_lines`` and ``markdown_to_lines`` are pure and testable on inline strings.
Both keep a strict 1:1 line mapping, so line N in the output is line N in the user's editor.
"""

from __future__ import annotations

import re
from pathlib import Path

from loaders.readers import ReadError
from loaders.readers.cleaners import (
    clean_cell,
    clean_reader_line,
    markdown_inline,
    normalize_newlines,
    strip_heading_marker,
)

__all__ = ["decode", "markdown_to_lines", "read_markdown", "read_text", "split_lines", "text_to_lines"]

#: How much of the file the binary sniffing looks at.
SNIFF_BYTES = 8192
#: Above this share of control / undecodable characters in the sniffed part, a file is binary.
MAX_NON_TEXT_SHARE = 0.10

_MAGIC = {
    b"%PDF-": "a PDF",
    b"PK\x03\x04": "a zip archive (DOCX, XLSX?)",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1": "a legacy Office file (.doc, .xls?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
}
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _binary_error(head: bytes) -> ReadError:
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            return ReadError(f"binary file, not text (looks like {what})")
    return ReadError("binary file, not text")


def _non_text_share(sample: str) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0x7F <= ord(ch) <= 0x9F)
    bad += sample.count("\ufffd")
    return bad / len(sample)


def decode(data: bytes) -> str:
    """Decode in a fixed order: UTF-8 with BOM, UTF-8, then cp1252 — never a charset detector.

    UTF-16 is accepted only with its byte order mark (Windows Notepad's "Unicode"); without a
    BOM it has NUL bytes and is refused as binary like any other file with NULs in its first 8 KB.
    Raises ReadError("binary file, not text") for binary data.

    >>> decode("Välfärdsrådet".encode("utf-8-sig")), decode("Åsa i Älvdalen".encode("cp1252"))
    ('Välfärdsrådet', 'Åsa i Älvdalen')
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _binary_error(data[:SNIFF_BYTES]) from None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise _binary_error(head)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined (81 8D 8F 90 9D); they become U+FFFD and count as
        # non-text below rather than making an otherwise readable file fail.
        text = data.decode("cp1252", errors="replace")
    if _non_text_share(text[:SNIFF_BYTES]) > MAX_NON_TEXT_SHARE:
        raise _binary_error(head)
    return text


def split_lines(text: str) -> list[str]:
    """Split on LF only (after CRLF/CR normalisation); a final newline does not add a line.

    Unlike ``str.splitlines`` this does not break on form feed, NEL or U+2028, which editors and
    ``grep -n`` do not count as line ends either.

    >>> split_lines("a\\r\\nb\\x0cc\\n\\nd\\n")
    ['a', 'b\\x0cc', '', 'd']
    """
    text = normalize_newlines(text)
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines


def text_to_lines(text: str) -> list[str]:
    """Decoded plain text to clean lines, one per line of the file.

    >>> text_to_lines("§\\u00a03 Beslut\\r\\n\\r\\nA\\u030asa\\x00 Exempelsson\\r\\n")
    ['§ 3 Beslut', '', 'Åsa Exempelsson']
    """
    return [clean_reader_line(line) for line in split_lines(text)]


def read_text(path: Path | str) -> list[str]:
    """Read a .txt file into lines; line i is line i of the file."""
    return text_to_lines(decode(Path(path).read_bytes()))


# --- Markdown ---------------------------------------------------------------------------------

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
_BLOCKQUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^(\s*)[*+][ \t]+")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")


def _is_table_separator(line: str) -> bool:
    return "|" in line and "-" in line and _TABLE_SEPARATOR.match(line) is not None


def _table_row(line: str) -> str:
    """``| Avesta | **Kim** Exempelsson |`` -> ``"Avesta\\tKim Exempelsson"``."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return "\t".join(clean_cell(markdown_inline(cell)) for cell in _PIPE_SPLIT.split(body))


def _table_lines(lines: list[str]) -> set[int]:
    """Indexes of table rows: lines starting with a pipe, and pipe-less GFM tables (a header line
    with pipes, a separator line below it, then body lines with pipes until a blank line)."""
    rows: set[int] = set()
    for i, line in enumerate(lines):
        if line.lstrip().startswith("|"):
            rows.add(i)
        elif _is_table_separator(line) and i > 0 and "|" in lines[i - 1]:
            rows.add(i - 1)
            rows.add(i)
            j = i + 1
            while j < len(lines) and lines[j].strip() and "|" in lines[j]:
                rows.add(j)
                j += 1
    return rows


def markdown_to_lines(text: str) -> list[str]:
    """Decoded Markdown to plain lines, exactly one output line per source line.

    Headings lose their ``#``, emphasis and links their markup, table rows become TAB-joined
    cells and table separator rows, code fences and thematic breaks become empty lines.

    >>> markdown_to_lines("## § 3 Ekonomi\\n| Kommun | Namn |\\n|---|:--:|\\n| Avesta | *Kim* |\\n* punkt")
    ['§ 3 Ekonomi', 'Kommun\\tNamn', '', 'Avesta\\tKim', '- punkt']
    """
    raw = [clean_reader_line(line) for line in split_lines(text)]
    tables = _table_lines(raw)
    out: list[str] = []
    fence: str | None = None
    for i, line in enumerate(raw):
        opening = _FENCE.match(line)
        if fence is not None:  # inside a fenced code block: verbatim, fence line itself empty
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
                out.append("")
            else:
                out.append(line)
            continue
        if opening:
            fence = opening.group(1)
            out.append("")
            continue
        if i in tables:
            out.append("" if _is_table_separator(line) else _table_row(line))
            continue
        if _THEMATIC_BREAK.match(line):
            out.append("")
            continue
        line = _BLOCKQUOTE.sub("", line)
        line = strip_heading_marker(line)
        line = _BULLET.sub(r"\1- ", line)
        out.append(markdown_inline(line))
    return out


def read_markdown(path: Path | str) -> list[str]:
    """Read a .md file into lines with its markup kept (headings, emphasis, tables, lists: the parsers'
    layout stage reads them as structure); line i is line i of the file. ``markdown_to_lines`` gives
    the plain text instead."""
    return text_to_lines(decode(Path(path).read_bytes()))
