"""Readers: one per file format, each turning a file into numbered lines of plain text.

Line numbers in every ``Source`` refer to ``DocumentText.lines`` (1-based), and that text is what
the app shows, so a user can always find the quoted words.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

__all__ = ["SUPPORTED_SUFFIXES", "DocumentText", "ReadError", "read_document"]

#: Larger files are refused with a clear reason rather than read into memory.
MAX_FILE_BYTES = 50 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read; ``str(err)`` is the reason a user sees beside the file name."""


class DocumentText(BaseModel):
    name: str  # file name
    format: str  # "txt", "md", "pdf", "docx"
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md", ".pdf": "pdf", ".docx": "docx"}


def read_document(path: Path | str) -> DocumentText:
    """Read one file into numbered lines, or raise ReadError saying why not."""
    from loaders.readers import docx as docx_reader
    from loaders.readers import pdf as pdf_reader
    from loaders.readers import text as text_reader

    path = Path(path)
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}: expected .txt, .md, .pdf or .docx")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_FILE_BYTES:
        raise ReadError(f"too large: {size / 1e6:.1f} MB, the limit is {MAX_FILE_BYTES / 1e6:.0f} MB")
    reader = {"txt": text_reader.read_text, "md": text_reader.read_markdown,
              "pdf": pdf_reader.read_pdf, "docx": docx_reader.read_docx}[fmt]
    lines = reader(path)
    if not any(line.strip() for line in lines):
        raise ReadError("no text found")
    return DocumentText(name=path.name, format=fmt, lines=lines)
