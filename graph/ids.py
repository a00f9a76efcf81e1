"""Deterministic identifiers: the same input always gives the same ids.

>>> slug("Styrgruppen för Länschefsnätverket")
'styrgruppen-for-lanschefsnatverket'
>>> entity_id("Person", "Åsa Dedering")
'person:asa-dedering'
"""

from __future__ import annotations

import hashlib

from graph.text import slug

__all__ = ["content_hash", "edge_key", "entity_id", "item_id", "short_hash", "slug"]


def short_hash(*parts: str, length: int = 10) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def entity_id(kind: str, name: str) -> str:
    return f"{kind.lower()}:{slug(name)}"


def item_id(kind: str, document: str, *parts: str) -> str:
    """An id for a node that belongs to one document (meeting, agenda item, decision, funding)."""
    tail = ":".join(slug(p) for p in parts if p)
    return f"{kind.lower()}:{slug(document)}" + (f":{tail}" if tail else "")


def edge_key(edge_type: str, source: str, target: str, discriminator: str = "") -> str:
    return f"{edge_type}|{source}|{target}|{discriminator}"
