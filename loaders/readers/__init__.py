"""Readers: one per file format, each turning a file into numbered lines of plain text.

Line numbers in every ``Source`` refer to ``DocumentText.lines`` (1-based), and that text is what
the app shows, so a user can always find the quoted words.
"""

from __future__ import annotations

import contextlib
import logging
import stat
import warnings
from pathlib import Path

from pydantic import BaseModel

__all__ = ["SUPPORTED_SUFFIXES", "DocumentText", "ReadError", "check_file", "read_document"]

#: Larger files are refused with a clear reason, from ``stat()`` alone, before anything is read.
MAX_FILE_BYTES = 20 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be read; ``str(err)`` is the reason a user sees beside the file name."""


class DocumentText(BaseModel):
    name: str  # file name
    format: str  # "txt", "md", "pdf", "docx"
    lines: list[str]
    #: What a library said while reading this file (pypdf's warnings), for the file's result.
    notes: list[str] = []

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".pdf": "pdf",
    ".docx": "docx",
}


def read_document(path: Path | str) -> DocumentText:
    """Read one file into numbered lines, or raise ReadError saying why not.

    Never raises anything else for a bad file: an unexpected failure inside a reader becomes a
    ReadError naming the exception, so a batch can record it and go on with the next file.
    """
    from loaders.readers import docx as docx_reader
    from loaders.readers import pdf as pdf_reader
    from loaders.readers import text as text_reader

    path = Path(path)
    fmt = check_file(path)
    reader = {
        "txt": text_reader.read_text,
        "md": text_reader.read_markdown,
        "pdf": pdf_reader.read_pdf,
        "docx": docx_reader.read_docx,
    }[fmt]
    with _library_warnings() as notes:
        try:
            lines = reader(path)
        except ReadError as exc:
            raise ReadError(_with_notes(str(exc), notes)) from exc
        except OSError as exc:
            raise ReadError(_with_notes(f"cannot read: {exc.strerror or exc}", notes)) from exc
        except Exception as exc:  # a bug or a library failure on a strange file: report, do not stop
            reason = " ".join(str(exc).split())[:200]
            raise ReadError(_with_notes(f"unexpected error: {type(exc).__name__}: {reason}".rstrip(": "), notes)) from exc
    if not any(line.strip() for line in lines):
        raise ReadError(_with_notes("no text found", notes))
    return DocumentText(name=path.name, format=fmt, lines=lines, notes=[f"pypdf: {n}" for n in notes])


#: At most this many of a library's warnings are kept per file.
_MAX_NOTES = 3


class _Notes(logging.Handler):
    def __init__(self, notes: list[str]):
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        _note(self.notes, record.getMessage())


def _note(notes: list[str], message: str) -> None:
    text = " ".join(str(message).split())
    text = text if len(text) <= 120 else text[:117] + "..."
    if text and text not in notes and len(notes) < _MAX_NOTES:
        notes.append(text)


@contextlib.contextmanager
def _library_warnings():
    """pypdf's log records and warnings while one file is read, kept for that file's reason
    instead of going to stderr without a file name."""
    notes: list[str] = []
    logger = logging.getLogger("pypdf")
    handler = _Notes(notes)
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes
            for w in caught:
                _note(notes, str(w.message))
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _with_notes(reason: str, notes: list[str]) -> str:
    return f"{reason} (pypdf: {'; '.join(notes)})" if notes else reason


def check_file(path: Path) -> str:
    """The file's format, or ReadError: unsupported type, missing, not a regular file, empty, too large.

    From ``stat()`` alone, so a batch can refuse a file before reading (or hashing) a byte of it.
    """
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ReadError(f"unsupported file type {path.suffix or '(none)'}: expected .txt, .md, .pdf or .docx")
    try:
        info = path.stat()
    except OSError as exc:
        raise ReadError(f"cannot open: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file")
    size = info.st_size
    if size == 0:
        raise ReadError("empty file")
    if size > MAX_FILE_BYTES:
        raise ReadError(
            f"too large: {size / 1024 / 1024:.1f} MiB, the limit is {MAX_FILE_BYTES / 1024 / 1024:.0f} MiB"
        )
    return fmt
