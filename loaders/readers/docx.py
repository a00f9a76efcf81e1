"""Word (.docx) with python-docx: body paragraphs and tables in document order.

``check_docx_zip`` looks at the zip's directory before anything is decompressed (PITFALLS: a
63 KiB DOCX took python-docx 65 s and 1.17 GiB); ``body_lines`` walks the body XML (``w:p`` and
``w:tbl`` children, content controls opened) and is pure. Page headers, footers, footnotes,
comments and text boxes are not read.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from loaders.readers import ReadError
from loaders.readers.cleaners import clean_cell, clean_reader_line

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_UNCOMPRESSED_BYTES", "body_lines", "check_docx_zip", "read_docx"]

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 1000
#: Below this many uncompressed bytes the ratio is not checked (tiny parts compress very well
#: and cannot hurt anyway).
RATIO_FLOOR_BYTES = 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc", f"{W}sdt", f"{W}sdtContent")
_CONTAINERS = {
    _SDT,
    _SDT_CONTENT,
    f"{W}customXml",
    f"{W}ins",
    f"{W}moveTo",
    f"{MC}AlternateContent",
    f"{MC}Choice",
}
# Inside a paragraph: subtrees whose text is not body text (properties, deleted or moved-away
# text, field codes, drawings and text boxes, the fallback copy of alternate content).
_SKIP = {
    f"{W}pPr",
    f"{W}rPr",
    f"{W}sdtPr",
    f"{W}del",
    f"{W}moveFrom",
    f"{W}instrText",
    f"{W}delText",
    f"{W}drawing",
    f"{W}pict",
    f"{W}object",
    f"{W}txbxContent",
    f"{MC}Fallback",
    f"{W}footnoteReference",
    f"{W}endnoteReference",
}


def _mib(n: float) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def check_docx_zip(path: Path) -> None:
    """Refuse files that are not a sane DOCX zip, reading only the zip's central directory."""
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(_OLE_MAGIC):
        raise ReadError("encrypted or legacy Word file: save it as an ordinary .docx without a password")
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ReadError("not a DOCX file (not a zip archive)") from None
    if len(infos) > MAX_ENTRIES:
        raise ReadError(f"DOCX zip has too many entries: {len(infos):,}, the limit is {MAX_ENTRIES:,}")
    size = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos)
    if size > MAX_UNCOMPRESSED_BYTES:
        raise ReadError(
            f"DOCX expands to {_mib(size)} uncompressed, the limit is {_mib(MAX_UNCOMPRESSED_BYTES)}"
        )
    if size > RATIO_FLOOR_BYTES and size > MAX_RATIO * max(packed, 1):
        raise ReadError(
            f"DOCX compression ratio {size / max(packed, 1):,.0f}:1 is over the limit of {MAX_RATIO}:1"
        )
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReadError("not a Word document: this looks like an Excel workbook")
        if "ppt/presentation.xml" in names:
            raise ReadError("not a Word document: this looks like a PowerPoint presentation")
        raise ReadError("not a Word document: word/document.xml is missing from the zip")


def _paragraph_text(p) -> str:
    """Text of a ``w:p`` in order: ``w:t``, tabs as TAB, line breaks as LF; see ``_SKIP``."""
    parts: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in (f"{W}tab", f"{W}ptab"):
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _children(el, wanted: str) -> Iterator:
    """Children with tag ``wanted``, looking through content controls and similar wrappers."""
    for child in el:
        if child.tag == wanted:
            yield child
        elif child.tag in _CONTAINERS:
            yield from _children(child, wanted)


def _cell_text(tc) -> str:
    """All the text of a cell on one line; nested tables are flattened into it."""
    pieces: list[str] = []
    for block in _blocks(tc):
        if block.tag == _P:
            pieces.append(_paragraph_text(block))
        else:
            pieces.extend(_row_texts(block))
    return clean_cell(" ".join(pieces))


def _row_texts(tbl) -> list[str]:
    """One string per row: cells TAB-joined (space-joined inside nested tables' cells)."""
    return [" ".join(cells) for cells in _table_rows(tbl)]


def _table_rows(tbl) -> list[list[str]]:
    """Cell texts per row. A horizontally merged cell (``gridSpan``) is one ``w:tc`` and so appears
    once; a vertically merged continuation cell repeats the text of the cell it continues, as
    python-docx does, so each row stays readable on its own."""
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column -> text of the cell that starts there
    for tr in _children(tbl, _TR):
        column = _int_val(tr.find(f"{W}trPr/{W}gridBefore"), 0)
        cells: list[str] = []
        for tc in _children(tr, _TC):
            props = tc.find(f"{W}tcPr")
            span = _int_val(props.find(f"{W}gridSpan") if props is not None else None, 1)
            vmerge = props.find(f"{W}vMerge") if props is not None else None
            if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue":
                text = above.get(column, "")
            else:
                text = _cell_text(tc)
            above[column] = text
            cells.append(text)
            column += max(span, 1)
        rows.append(cells)
    return rows


def _int_val(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(f"{W}val", default))
    except ValueError:
        return default


def _blocks(el) -> Iterator:
    """``w:p`` and ``w:tbl`` children in document order, through content controls."""
    for child in el:
        if child.tag in (_P, _TBL):
            yield child
        elif child.tag in _CONTAINERS:
            yield from _blocks(child)


_HEADING_STYLE = re.compile(r"(?i)^(?:heading|rubrik|overskrift)\s*(\d)$|^(title|rubrik|titel)$")


def _heading_level(p) -> int:
    """1–6 for a paragraph in a heading style ("Heading2", "Rubrik 1", "Title"), 0 otherwise."""
    ppr = p.find(f"{W}pPr")
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    value = style.get(f"{W}val") if style is not None else None
    m = _HEADING_STYLE.match(value or "")
    if not m:
        return 0
    return min(int(m[1]), 6) if m[1] else 1


def body_lines(body) -> list[str]:
    """Lines of a document body (the ``w:body`` element): a paragraph per line (split at manual
    line breaks, empty paragraphs kept as empty lines), a table row per line with TAB-joined cells.
    """
    lines: list[str] = []
    for block in _blocks(body):
        if block.tag == _P:
            parts = [clean_reader_line(part) for part in _paragraph_text(block).split("\n")]
            level = _heading_level(block)
            if level and parts and parts[0].strip():
                parts[0] = "#" * level + " " + parts[0]  # a heading style stays a heading for the parsers
            lines.extend(parts)
        else:
            for cells in _table_rows(block):
                lines.append("" if not any(cells) else "\t".join(cells))
    return lines


def read_docx(path: Path | str) -> list[str]:
    """Read a DOCX body into lines, or raise ReadError (not a zip, too large, encrypted, damaged)."""
    import docx  # python-docx; imported here so the zip checks run without it

    path = Path(path)
    check_docx_zip(path)
    try:
        document = docx.Document(str(path))
    except ReadError:
        raise
    except Exception as exc:  # PackageNotFoundError, KeyError, XMLSyntaxError, ValueError, ...
        reason = " ".join(str(exc).split())[:160] or type(exc).__name__
        raise ReadError(f"damaged DOCX: {type(exc).__name__}: {reason}") from None
    return body_lines(document.element.body)
