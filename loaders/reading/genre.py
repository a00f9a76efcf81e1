"""Minutes or a mandate? Weighed from the cues each genre leaves, not only from the first line.

    Minnesanteckningar Länschefsnätverket            a minutes title
    Uppdragsbeskrivning Regional processgrupp …      a mandate title (also Direktiv, Tilläggsdirektiv,
                                                     Regeringsuppdrag, Arbetsordning, Reglemente, Uppdrag …)
    Regeringen ger länsstyrelserna i uppdrag att …   a mandate's opening sentence
    Beställare: / Syfte / Mål / Återrapportering     a mandate's sections and roles
    Närvarande / § 12 / X beslutade / Justerare      the minutes' attendance, items and decisions

>>> classify(["Uppdrag om lägesbilder", "", "Regeringen ger länsstyrelserna i uppdrag att samordna …"])
'mandate'
>>> classify(["Mötesprotokoll LiTHe kod", "2016–05–25", "1. Kallade: Anna Ek"])
'minutes'
"""

from __future__ import annotations

import re

from loaders.reading.cues import ATTENDANCE, DECISION_HEADS, MANDATE_TITLES, MINUTES_TITLES, title_match
from loaders.reading.layout import Line, layout

__all__ = ["classify", "classify_laid"]

_GIVES_TASK = re.compile(r"(?i)\b(?:ger|gav)\s+.{2,80}?\s+i\s+uppdrag\s+att\b|^uppdraget\s+till\b|\bfick\s+.{0,40}i uppdrag att")
_ROLE = re.compile(r"(?i)^\W*(beställare|uppdragsgivare|uppdragstagare|uppdragsledare|mottagare|uppdragsägare)\b")
_SECTION = re.compile(r"(?i)^\W*(?:\d{1,2}[.)]?\s*)?(syfte|mål|bakgrund|uppdraget|uppdragets\s+\w+|organisation|"
                      r"finansiering|tidplan|återrapportering|avgränsningar?|förväntat resultat|arbetssätt|"
                      r"sammansättning|ansvar och befogenheter|mandat)\s*:?\s*$")
_MINUTES = re.compile(r"(?i)^\W*(?:§\s*\d+|\d{1,2}[.)]\s+(?:mötets öppnande|val av|godkännande|fastställande)|"
                      r"mötets öppnande|justerare|vid protokollet|föredragande\b)|\b(?:beslutade|beslutar|beslöt)\s+att\b")
_HEAD = 12
_GROUP_TITLE = re.compile(r"^(?:Arbetsgrupp|Referensgrupp|Styrgrupp|Processgrupp|Nätverk|Samverkansgrupp|Projektgrupp|"
                          r"Expertgrupp)\w*\b(?!.*\b(?:protokoll|anteckningar|minnesanteckningar|möte)\b)", re.I)
_GENRE_WORD = re.compile(r"(?i)\b(protokoll|minnesanteckningar|mötesanteckningar|anteckningar från|sammanträdesprotokoll|"
                         r"referat|snabbreferat)\b")
_MEETING_DATE = re.compile(r"(?i)\b(?:sammanträde|sammanträdet|sammanträdets|möte|mötet|styrelsemöte|nätverksträff)\w*\s+"
                           r"(?:den\s+)?\d")
_DESCRIBES = re.compile(r"(?i)\b(ansvarar för|ska (?:styra|leda|samordna|ansvara)|på uppdrag (?:av|från)|"
                        r"uppdrag från|har till uppgift|ska verka för)\b")


def classify(lines: list[str]) -> str:
    """"minutes", "mandate", or "unknown" when neither genre shows."""
    return classify_laid(layout(lines))


def classify_laid(laid: list[Line]) -> str:
    """``classify`` for lines already through ``layout``."""
    texts = [x.text.replace("\t", " ") for x in laid]
    head = [t for t in texts[:80] if t][:_HEAD]
    mandate = minutes = 0.0
    if head:  # the title decides when it names the genre
        first = MANDATE_TITLES.match(head[0])
        if first is not None and first.value >= 2 and len(head[0]) < 200 and not any(title_match(t) for t in head[:3]):
            return "mandate"
        if MINUTES_TITLES.match(head[0]) is not None and MINUTES_TITLES.match(head[0]).value >= 2:
            return "minutes"
    if head and _GROUP_TITLE.match(head[0]):
        mandate += 2  # a page describing a group: "Styrgrupp Närvård Södra Älvsborg", "Arbetsgrupp för Ena …"
    for text in head[:8]:
        if _GENRE_WORD.search(text):
            minutes += 1
        if _MEETING_DATE.search(text):
            minutes += 1.5  # "Sammanträde 2009-05-14", "referat från folkhälsorådets sammanträde 2024-01-30"
        if _DESCRIBES.search(text):
            mandate += 0.5
    for k, text in enumerate(head[:5]):
        weight = 1.0 if k == 0 else 0.6
        if (m := MANDATE_TITLES.match(text)) is not None and len(text) < 200:
            mandate += m.value * weight
        if title_match(text) is not None:
            minutes += 2 * weight
    for text in head[:8]:
        if _GIVES_TASK.search(text):
            mandate += 2
    for text in texts:
        if not text:
            continue
        if _ROLE.match(text):
            mandate += 1
        elif _SECTION.match(text):
            mandate += 0.5
        if ATTENDANCE.match(text) and len(text) < 200:
            minutes += 1
        elif _MINUTES.search(text) or (DECISION_HEADS.match(text) and len(text) < 120):
            minutes += 0.5
    if mandate == minutes == 0:
        return "unknown"
    return "mandate" if mandate > minutes else "minutes"
