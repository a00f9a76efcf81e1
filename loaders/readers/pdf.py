"""PDF (.pdf) with pypdf: the text layer page by page, running headers and footers removed.

``read_pdf`` opens the file and turns every pypdf failure into a ReadError with a reason a user
can act on; ``remove_page_furniture`` is the pure part (pages of lines in, lines out).
pypdf's layout mode places text as it sits on the page, so a table row comes out as one line
with its columns separated by runs of spaces, which become a TAB. Lines are otherwise kept as
pypdf gives them (no rejoining of hyphenated words: the parsers handle that). A two-column page
layout would come out side by side, TAB-separated; minutes and mandates are single-column.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from pathlib import Path

from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError, EmptyFileError, PdfReadError, PdfStreamError

from loaders.readers import ReadError
from loaders.readers.cleaners import clean_reader_line, furniture_key, is_page_number, normalize_newlines

__all__ = ["MAX_PDF_PAGES", "layout_line", "read_pdf", "remove_page_furniture"]

#: Longer PDFs are refused (no minutes or mandate is this long; it bounds time and memory).
MAX_PDF_PAGES = 2000
#: Running headers and footers are looked for among this many non-empty lines at the top and
#: at the bottom of each page.
EDGE_LINES = 3
#: A line is a running header/footer when it is at the same edge on at least this share of pages
#: (and on at least two pages).
REPEAT_SHARE = 0.5

ENCRYPTED = "krypterad: encrypted PDF with a password; remove the password and try again"
NO_TEXT = "no text layer: scanned or damaged PDF"

_NUMBER = re.compile(r"\d+")
_COLUMN_GAP = re.compile(r"[ \t]{3,}")


def _reason(exc: BaseException) -> str:
    """A short, one-line reason from an exception."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "..."


def _open(path: Path) -> PdfReader:
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only to set permissions;
            # pypdf can open those (AES too, with the 'cryptography' package), so try before refusing.
            try:
                result = reader.decrypt("")
            except DependencyError:
                raise ReadError(
                    ENCRYPTED + " (its AES encryption needs the optional 'cryptography' package)"
                ) from None
            if result == PasswordType.NOT_DECRYPTED:
                raise ReadError(ENCRYPTED)
        pages = len(reader.pages)
    except ReadError:
        raise
    except EmptyFileError:
        raise ReadError("damaged PDF: the file is empty") from None
    except (PdfStreamError, PdfReadError) as exc:
        raise ReadError(f"damaged PDF: {_reason(exc)}") from None
    except Exception as exc:  # pypdf raises many kinds on damaged files; none may stop a batch
        raise ReadError(f"damaged PDF: {type(exc).__name__}: {_reason(exc)}") from None
    if pages > MAX_PDF_PAGES:
        raise ReadError(f"too many pages: {pages:,}, the limit is {MAX_PDF_PAGES:,} pages")
    return reader


def _page_text(page) -> str:
    """Layout mode keeps table columns apart (as runs of spaces); plain mode is the fallback for
    pages layout mode cannot handle (odd fonts, damaged streams)."""
    try:
        return page.extract_text(extraction_mode="layout") or ""
    except Exception:
        return page.extract_text() or ""


def layout_line(line: str) -> str:
    r"""A line of layout-mode text: outer spacing stripped, column gaps (3+ spaces) become a TAB.

    >>> layout_line("   Avesta          Kim Exempelsson    ordförande  ")
    'Avesta\tKim Exempelsson\tordförande'
    """
    return _COLUMN_GAP.sub("\t", clean_reader_line(line).strip())


def _page_lines(reader: PdfReader) -> list[list[str]]:
    pages: list[list[str]] = []
    for number, page in enumerate(reader.pages, start=1):
        try:
            text = _page_text(page)
        except Exception as exc:
            raise ReadError(f"damaged PDF: page {number}: {type(exc).__name__}: {_reason(exc)}") from None
        pages.append([layout_line(line) for line in normalize_newlines(text).split("\n")])
    return pages


def _numbers(line: str) -> list[int]:
    return [int(n) for n in _NUMBER.findall(line)]


def _running_lines(pages: list[list[str]], edges: list[tuple[list[int], list[int]]]) -> set[tuple[int, int]]:
    """(page index, line index) of running headers and footers.

    Lines are grouped by edge and ``furniture_key`` (digits folded). A group is furniture when its
    key never occurs away from the page edges (body text such as "beslutade" does) and at least
    ``needed`` pages have it exactly once at that edge with numbers that are either the same on
    every page (a date) or move with the page (a page number, possibly offset by a cover page) —
    so "§ 4 ..." at the top of page 1 and "§ 9 ..." at the top of page 2 are not furniture.
    """
    needed = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    groups: dict[tuple[str, str], dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    inner: Counter[str] = Counter()
    for p, (lines, (top, bottom)) in enumerate(zip(pages, edges, strict=True)):
        for edge, indexes in (("top", top), ("bottom", bottom)):
            for i in indexes:
                groups[edge, furniture_key(lines[i])][p].append(i)
        at_edge = set(top) | set(bottom)
        inner.update(furniture_key(line) for i, line in enumerate(lines) if line and i not in at_edge)

    found: set[tuple[int, int]] = set()
    for (_edge, key), by_page in groups.items():
        if inner[key] or len(by_page) < needed:
            continue
        single = {p: idx[0] for p, idx in by_page.items() if len(idx) == 1}
        numbers = {p: _numbers(pages[p][i]) for p, i in single.items()}
        slots = min((len(n) for n in numbers.values()), default=0)
        patterns = []
        for j in range(slots):
            same = Counter(n[j] for n in numbers.values()).most_common(1)[0]
            moving = Counter(n[j] - p for p, n in numbers.items()).most_common(1)[0]
            patterns.append((j, "same", same[0]) if same[1] >= moving[1] else (j, "moving", moving[0]))
        fits = [
            p
            for p, n in numbers.items()
            if len(n) == slots
            and all((n[j] if kind == "same" else n[j] - p) == value for j, kind, value in patterns)
        ]
        if len(fits) >= needed:
            found.update((p, single[p]) for p in fits)
    return found


def remove_page_furniture(pages: list[list[str]]) -> list[str]:
    """Join the pages' lines, without page numbers and running headers and footers.

    Only the first and last ``EDGE_LINES`` non-empty lines of a page are candidates: a page-number
    line ("Sida 3 av 7", "3 (7)", "3/7", a bare number equal to the page's number), or a running
    line repeated at the same edge of at least half of the pages (see ``_running_lines``).

    >>> remove_page_furniture([["Protokoll 2026-03-12", "§ 1 Öppnande", "Sida 1 av 2"],
    ...                        ["Protokoll 2026-03-12", "§ 2 Beslut", "Sida 2 av 2"]])
    ['§ 1 Öppnande', '§ 2 Beslut']
    """
    edges: list[tuple[list[int], list[int]]] = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        edges.append((filled[:EDGE_LINES], filled[-EDGE_LINES:]))
    running = _running_lines(pages, edges)
    out: list[str] = []
    for p, (lines, (top, bottom)) in enumerate(zip(pages, edges, strict=True)):
        drop = {i for i in (*top, *bottom) if is_page_number(lines[i], page=p + 1) or (p, i) in running}
        out.extend(line for i, line in enumerate(lines) if i not in drop)
    return out


def _squeeze_blank(lines: list[str]) -> list[str]:
    """Layout mode renders vertical space as empty lines; keep at most one in a row.

    >>> _squeeze_blank(["", "a", "", "", "b", ""])
    ['a', '', 'b']
    """
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def read_pdf(path: Path | str) -> list[str]:
    """Read a PDF's text layer into lines, or raise ReadError (encrypted, damaged, no text)."""
    reader = _open(Path(path))
    lines = _squeeze_blank(remove_page_furniture(_page_lines(reader)))
    if not any(lines):
        raise ReadError(NO_TEXT)
    return lines
