"""Plain text and Markdown (minimal; the readers issue work completes this)."""

from __future__ import annotations

from pathlib import Path


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def read_text(path: Path) -> list[str]:
    return decode(Path(path).read_bytes()).splitlines()


def read_markdown(path: Path) -> list[str]:
    return read_text(path)
