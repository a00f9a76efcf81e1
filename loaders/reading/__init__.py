"""The reader of Swedish minutes and mandates: text lines -> the genre and a typed record.

    read_record(lines)  ->  ("minutes" | "mandate" | "unknown", MinutesRecord | MandateRecord)

Stages: ``layout`` (each line's layout, flattened text cut by ``flat``) -> ``genre`` -> for minutes
``structure`` (sections) -> ``header``, ``attendance`` (``grid``, ``tables``), ``items`` (``decisions``,
``commissions``, ``presenters``, ``narrative``); for mandates ``mandate``. The conventions are data in
``cues``; ``status`` says how completely a document was read.
"""

from __future__ import annotations

__all__ = ["read_record"]


def read_record(lines: list[str]):
    """The genre of a document's lines and its typed record ("unknown" is read as minutes)."""
    from loaders.reading.genre import classify_laid
    from loaders.reading.layout import layout
    from loaders.reading.mandate import read_mandate
    from loaders.reading.minutes import read_minutes

    laid = layout(lines)
    kind = classify_laid(laid)
    if kind == "mandate":
        return kind, read_mandate(lines, laid)
    return kind, read_minutes(lines, laid)
