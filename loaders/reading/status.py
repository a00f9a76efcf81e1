"""How completely a document was read: "complete", "partial" (with what is missing) or "failed".

A user who loads another network's minutes must see when the reader found no body, no date, no
attendance, or decision words without decisions — a silent "inläst" for a document that lost its
decisions is the worst answer. ``failed`` is the pipeline's, for a file that could not be read.

>>> from loaders.records import MinutesRecord
>>> reading_status(MinutesRecord())
('partial', ['inget organ', 'inget mötesdatum', 'ingen närvarolista'])
"""

from __future__ import annotations

from loaders.records import MandateRecord, MinutesRecord

__all__ = ["reading_status"]


def reading_status(record: MinutesRecord | MandateRecord) -> tuple[str, list[str]]:
    problems: list[str] = []
    if isinstance(record, MinutesRecord):
        if record.body is None:
            problems.append("inget organ")
        if record.date is None:
            problems.append("inget mötesdatum")
        if not any(a.presence == "present" for a in record.attendees):
            problems.append("ingen närvarolista")
        if any("beslutsord" in message for _, message in record.warnings):
            problems.append("beslutsord utan lästa beslut")
    else:
        if record.subject is None and not record.commissions and not record.relations:
            problems.append("ingen grupp eller uppdragstagare")
    return ("partial" if problems else "complete"), problems
