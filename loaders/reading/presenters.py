"""Who presented an agenda item: "Föredragande: Mia Lehnberg, utvecklingsledare, RSS Dalarna", or a
name before "föredrog", "presenterade", "redogjorde för" in the item's prose.
"""

from __future__ import annotations

import re

from loaders.entities import TITLE_WORD, looks_like_person, split_names
from loaders.lexicon import lookup_org
from loaders.reading.decisions import DECISION_HEAD
from loaders.records import Presenter

__all__ = ["PRESENTER", "PRESENTS", "parse_presenters", "presenter_block"]

_ITEM_LIKE = re.compile(r"^(?:§\s*\d{1,3}|\d{1,2}[.:]|[a-h]\))\s+\S")
DECIDES = re.compile(r"\b(?:beslutades|beslut fattades|fattade beslut|(?:beslutade|beslöt|beslutar|har beslutat|beslutat)"
                     r"(?=\s*,?\s+(?:att|om|därför|den|vid|på|under|\d)\b))")
PRESENTER = re.compile(r"^(?:Föredragande|Föredragare|Presentatör|Ansvarig|Presenteras av)(?:\s*:\s*|\s+(?=[A-ZÅÄÖ]))(.*)$",
                        re.IGNORECASE)

# "Pekka Exempelinen föredrog ärendet", "… redogjorde för": a presenter named in the narrative
PRESENTS = re.compile(r"(?:^|(?<=[.!?]\s))([A-ZÅÄÖÉ][\w-]+(?:\s+[A-ZÅÄÖÉ][\w-]+){1,2})\s+(?:föredrog|föredrar|presenterade|"
                       r"redogjorde för|informerade om|gav en (?:lägesrapport|dragning|återrapport))\b")

def presenter_block(clean: list[str], i: int, end: int, first: str) -> tuple[str, int]:
    parts = [first]
    last = i
    k = i + 1
    blanks = 0
    while k < end and blanks <= 1:
        line = clean[k]
        if not line:
            blanks += 1
            k += 1
            continue
        name_led = re.match(r"^([A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){1,3}),\s", line)
        short_tail = len(line) < 70 and not line.endswith(".") and not DECIDES.search(line)
        if (line[:1].islower() and len(line) < 90) or (name_led and looks_like_person(name_led[1]) and not line.endswith(".") \
                and not DECIDES.search(line)) or (
            short_tail and not parts[-1].endswith(".") and len(line.split()) <= 6
        ):
            if _ITEM_LIKE.match(line) or DECISION_HEAD.match(line):
                break
            if line[:1].islower() and not parts[-1].endswith(","):
                parts[-1] += " " + line  # a title wrapped onto the next line
            else:
                parts.append(line)
            last = k
            blanks = 0
            k += 1
            continue
        break
    return ", ".join(parts), last

def parse_presenters(text: str, line: int, quote: str) -> list[Presenter]:
    """"Mia Lehnberg, Utvecklingsledare Omställning Hälso- och, sjukvård, Henrietta Forsman, …" -> people."""
    text = re.sub(r",\s*,", ",", text)
    text = re.sub(r"(?<=\w)-,\s*(?=\w)", "- ", text)  # "Hälso-, och" from a wrapped line
    segments = [s.strip() for s in re.split(r",|\s+och\s+(?=[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ])|\s+samt\s+(?=[A-ZÅÄÖ])", text) if s.strip()]
    people: list[Presenter] = []
    for seg in segments:
        seg = re.sub(r"^(?:och|samt)\s+", "", seg.strip(" ."))
        if looks_like_person(seg) and not TITLE_WORD.search(seg):
            people.append(Presenter(name=seg, line=line, quote=quote))
            continue
        if not people:
            names = [n for n in split_names(seg) if looks_like_person(n)]
            if names:
                people.append(Presenter(name=names[0], line=line, quote=quote))
            continue
        current = people[-1]
        org = lookup_org(seg, fuzzy=False)
        if org or (seg[:1].isupper() and not TITLE_WORD.search(seg.split()[0]) and current.title):
            current.organisation = current.organisation or (org.name if org else seg)
        elif current.title is None:
            current.title = seg
        else:
            current.title += ", " + seg
    return people
