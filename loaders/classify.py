"""Which kind of document is this: minutes or a mandate?

Decided from the first lines, where the genre announces itself: a title such as
"Uppdragsbeskrivning" or "Uppdragsdirektiv" makes a mandate; "Minnesanteckningar", "Protokoll",
an attendance list or numbered agenda items make minutes.
"""

from __future__ import annotations

import re

__all__ = ["classify"]

_HEAD_LINES = 40
_MANDATE_TITLE = re.compile(
    r"(?i)^\W*(uppdragsbeskrivning|uppdragsdirektiv|direktiv\s+för|uppdrag\s+(till|för|åt)|"
    r"mandat\s+för|arbetsordning\s+för)\b"
)
_MANDATE_HINT = re.compile(r"(?i)^\W*(beställare|uppdragsgivare|uppdragstagare|uppdragsledare|mottagare)\b\s*:?")
_MINUTES_TITLE = re.compile(r"(?i)\b(minnesanteckning(ar)?|mötesanteckning(ar)?|protokoll|anteckningar\s+från)\b")
_MINUTES_HINT = re.compile(
    r"(?i)^\W*(närvarande|deltagare|deltog|frånvarande|ordförande|sekreterare|justerare|dagordning|"
    r"föredragande|beslut\s*:|§\s*\d+)"
)


def classify(lines: list[str]) -> str:
    """"minutes", "mandate", or "unknown" when neither genre shows."""
    head = [line.strip() for line in lines[:_HEAD_LINES] if line.strip()]
    for line in head[:8]:
        if _MANDATE_TITLE.search(line):
            return "mandate"
        if _MINUTES_TITLE.search(line):
            return "minutes"
    mandate = sum(1 for line in lines if _MANDATE_HINT.search(line))
    minutes = sum(1 for line in lines if _MINUTES_HINT.search(line))
    minutes += 2 * sum(1 for line in head if _MINUTES_TITLE.search(line))
    if mandate == minutes == 0:
        return "unknown"
    return "mandate" if mandate > minutes else "minutes"
