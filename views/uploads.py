"""Uploaded files: checked, given a safe name and stored under the store's ``uploads/`` folder.

>>> safe_upload_name("../../etc/Protokoll 2025-02-14 (slutlig).PDF")
'Protokoll_2025-02-14_slutlig.pdf'
>>> safe_upload_name("Minnesanteckningar Vård- och omsorgsrådet.docx")
'Minnesanteckningar_Vård-_och_omsorgsrådet.docx'
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from graph.atomic import write_bytes_atomic
from graph.store import EmbeddedStore
from loaders.readers import SUPPORTED_SUFFIXES

__all__ = ["UPLOAD_LIMIT_MB", "UploadRejected", "safe_upload_name", "save_upload"]

#: Per file; the readers refuse more than 20 MiB anyway, and the DOCX reader checks zip bombs.
UPLOAD_LIMIT_MB = 20
_UNSAFE = re.compile(r"[^\w.-]+")
_MAX_STEM = 120


class UploadRejected(ValueError):
    """An uploaded file that is not stored: wrong type, empty, too large."""


def safe_upload_name(name: str) -> str:
    """A file name that stays in the uploads folder: no folders, no hidden files, word characters
    (Swedish letters kept), dots and hyphens only, the suffix in lower case."""
    base = unicodedata.normalize("NFC", name.replace("\\", "/").rsplit("/", 1)[-1])
    path = Path(base)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UploadRejected(f"filtypen {suffix or '(ingen)'} stöds inte: välj .txt, .md, .pdf eller .docx")
    stem = _UNSAFE.sub("_", path.stem).strip("._") or "dokument"
    return stem[:_MAX_STEM] + suffix


def save_upload(store: EmbeddedStore, name: str, data: bytes, limit_mb: int = UPLOAD_LIMIT_MB) -> Path:
    """Write one upload atomically to ``<store>/uploads/<safe name>`` (a new version replaces the old)."""
    safe = safe_upload_name(name)
    if not data:
        raise UploadRejected("filen är tom")
    if len(data) > limit_mb * 1024 * 1024:
        raise UploadRejected(f"filen är {len(data) / 1024 / 1024:.1f} MB, gränsen är {limit_mb} MB")
    target = store.uploads_dir / safe
    write_bytes_atomic(target, data)
    return target
