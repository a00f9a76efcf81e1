"""Uploaded files: checked, given a safe name and stored under the store's ``uploads/`` folder.

A safe name never belongs to two different uploads: when making the name safe changed it, a hash
of the name as uploaded is added, so ``Protokoll, SCN.txt`` and ``Protokoll SCN.txt`` stay two
documents (the same name uploaded again is a new version of that document and replaces it).

>>> safe_upload_name("../../etc/Protokoll 2025-02-14 (slutlig).PDF")
'Protokoll_2025-02-14_slutlig~1eb1b8.pdf'
>>> safe_upload_name("Minnesanteckningar_Vård-_och_omsorgsrådet.docx")
'Minnesanteckningar_Vård-_och_omsorgsrådet.docx'
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from graph.atomic import write_bytes_atomic
from graph.ids import short_hash
from graph.store import EmbeddedStore
from loaders.readers import SUPPORTED_SUFFIXES

__all__ = ["UPLOAD_LIMIT_MB", "UploadRejected", "safe_upload_name", "save_upload", "save_uploads"]

#: Per file; the readers refuse more than 20 MiB anyway, and the DOCX reader checks zip bombs.
UPLOAD_LIMIT_MB = 20
_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_STEM = 120


class UploadRejected(ValueError):
    """An uploaded file that is not stored: wrong type, empty, too large."""


def safe_upload_name(name: str) -> str:
    """A file name that stays in the uploads folder: no folders, no hidden files, word characters
    (Swedish letters kept), dots and hyphens only, the suffix in lower case; plus a hash of the
    name as uploaded whenever any of that changed it, so two names never meet in one file."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    path = Path(base)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"filtypen {suffix or '(ingen)'} stöds inte: välj .txt, .md, .pdf eller .docx")
    stem = _UNSAFE.sub("_", path.stem).strip("._") or "dokument"
    safe = stem[:_MAX_STEM] + suffix
    if safe != base:
        safe = f"{stem[:_MAX_STEM]}~{short_hash(base, length=6)}{suffix}"
    return safe


def _check(data: bytes, limit_mb: int) -> None:
    if not data:
        raise UploadRejected("filen är tom")
    if len(data) > limit_mb * 1024 * 1024:
        raise UploadRejected(f"filen är {len(data) / 1024 / 1024:.1f} MB, gränsen är {limit_mb} MB")


def save_upload(store: EmbeddedStore, name: str, data: bytes, limit_mb: int = UPLOAD_LIMIT_MB) -> Path:
    """Write one upload atomically to ``<store>/uploads/<safe name>`` (a new version of the same
    name replaces the old)."""
    safe = safe_upload_name(name)
    _check(data, limit_mb)
    target = store.uploads_dir / safe
    write_bytes_atomic(target, data)
    return target


def save_uploads(
    store: EmbeddedStore, files: list[tuple[str, bytes]], limit_mb: int = UPLOAD_LIMIT_MB
) -> tuple[list[Path], list[tuple[str, str]]]:
    """One batch of uploads: the paths written, and (name, reason) of those refused. Two files of
    one batch with the same name (from two folders) are both kept: the second gets a number."""
    paths: list[Path] = []
    rejected: list[tuple[str, str]] = []
    written: dict[str, bytes] = {}
    for name, data in files:
        try:
            safe = safe_upload_name(name)
            _check(data, limit_mb)
        except UploadRejected as exc:
            rejected.append((name, str(exc)))
            continue
        if written.get(safe, data) != data:
            stem, suffix = Path(safe).stem, Path(safe).suffix
            safe = next(f"{stem}-{n}{suffix}" for n in range(2, len(files) + 2)
                        if written.get(f"{stem}-{n}{suffix}", data) == data)  # fmt: skip
        if safe in written:
            continue  # the very same file twice
        written[safe] = data
        target = store.uploads_dir / safe
        write_bytes_atomic(target, data)
        paths.append(target)
    return paths, rejected
