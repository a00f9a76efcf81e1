"""Attendance tables with a header row: each cell is read by the column it stands in.

    Kommun     | Namn               | Region Norrvalla        | Namn
    Åbrunna    | Petra Lindeborg    | Divisionschef psykiatri | Gunnel Rask
    Mossby     | Elin Granath (ordf)| RSS Norrvalla           |
    Storsjöås  | Ragnar Fjällström  | Chef RSS                | Helena Brask

The header names the columns: organisation columns ("Kommun", "Huvudman", "Organisation"), name
columns ("Namn", "Ledamot", "Ordinarie", "Ersättare"), role, title, party and presence columns, and
an organisation written as a column heading ("Region Norrvalla") that owns the names to its right.
Under such a heading a cell is the person's title, or — with no name beside it — a sub-heading that
owns the rows below ("RSS Norrvalla"). No lexicon is needed: a municipality is one by its column.
"""

from __future__ import annotations

import re

from graph.text import fold
from loaders.entities import TITLE_WORD
from loaders.reading.cues import ATTENDANCE, PRESENCE_ANSWERS
from loaders.reading.layout import Line
from loaders.records import Attendee

__all__ = ["header_columns", "read_grid"]

_HEADER_WORDS = {
    "kommun": "org", "kommuner": "org", "huvudman": "org", "organisation": "org", "org": "org",
    "forvaltning": "org", "verksamhet": "org", "myndighet": "org", "enhet": "org", "representerar": "org",
    "foretrader": "org", "arbetsplats": "org", "region": "org",
    "namn": "name", "ledamot": "name", "ledamoter": "name", "ordinarie": "name", "ersattare": "name",
    "deltagare": "name", "representant": "name", "person": "name", "tjansteperson": "name",
    "roll": "role", "funktion": "role", "uppdrag": "role",
    "titel": "title", "befattning": "title", "tjanst": "title", "yrke": "title",
    "narvarande": "presence", "narvaro": "presence", "ja nej": "presence", "deltog": "presence",
    "parti": "party",
}  # fmt: skip
PRESENCE = {fold(k) or k: v for k, v in PRESENCE_ANSWERS.items()}
_ROLE_OF_HEADER = {"ersattare": "ersättare", "ordinarie": "ledamot", "ledamot": "ledamot", "ledamoter": "ledamot"}
_ORG_HEAD = re.compile(r"^(?:Region|RSS|Länsstyrelsen)\s+[A-ZÅÄÖ]|\s(?:kommun|län|stad)$")
_ORG_PREFIX = re.compile(r"^(?P<org>(?:Region|RSS)\s+[A-ZÅÄÖ][\w-]*(?:\s+län)?|[A-ZÅÄÖ][\w-]*\s+kommun)\s+(?=[A-ZÅÄÖ])")


def _type(cell: str) -> str | None:
    key = fold(cell)
    if not key:
        return None
    if key in _HEADER_WORDS:
        return _HEADER_WORDS[key]
    if _ORG_HEAD.search(cell):
        return "orghead"
    first = key.split()[0]
    if first in _HEADER_WORDS and len(key.split()) <= 3:
        return _HEADER_WORDS[first]  # "Ersättare / övriga", "Kommun/organisation"
    return "?"


def header_columns(cells: list[str]) -> list[str | None] | None:
    """The column types a header row gives, or None when the row is not a header.

    >>> header_columns(["Kommun", "Namn", "Region Norrvalla", "Namn"])
    ['org', 'name', 'orghead', 'name']
    >>> header_columns(["Åbrunna", "Petra Lindeborg"]) is None
    True
    """
    types = [_type(c) for c in cells]
    known = [t for t in types if t not in (None, "?")]
    if len(cells) < 2 or "name" not in types or len(known) < 2 or "?" in types:
        return None
    return types


def read_grid(lines: list[Line], header: int, end: int, presence: str, role: str | None,
              names) -> list[Attendee]:
    """Attendees in lines[header+1:end], read by the columns of the header row at ``header``.

    ``names`` reads one cell's names: ``attendance._names(text, presence, role, org, line)``.
    """
    columns = header_columns(lines[header].text.split("\t")) or []
    heads = lines[header].text.split("\t")
    group_org: dict[int, str] = {}  # orghead column -> the organisation that owns its names now
    out: list[Attendee] = []
    for k in range(header + 1, end):
        line = lines[k]
        if not line.text:
            continue
        cells = line.text.split("\t")
        if len(cells) == 1:
            out.extend(_single(line, presence, role, names))
            continue
        row_org: str | None = None
        row_role, row_title, row_party, row_presence = role, None, None, presence
        for c, kind in enumerate(columns):
            cell = cells[c] if c < len(cells) else ""
            if not cell:
                continue
            if kind == "org" and row_org is None:
                cue = ATTENDANCE.match(cell)
                if cue is not None and fold(cell) not in ("tjanstepersoner", "tjanstemän", "ovriga"):
                    row_role = cue.value[1] or row_role  # "Adjungerad | Karin Björk, Tallbacka"
                else:
                    row_org = cell
            elif kind == "role":
                row_role = cell.lower()
            elif kind == "title":
                row_title = cell
            elif kind == "party":
                row_party = cell.strip("()")
            elif kind == "presence":
                row_presence = PRESENCE.get(fold(cell) or cell, row_presence)
        for c, cell in enumerate(cells):
            kind = columns[c] if c < len(columns) else "name"
            if not cell or kind in ("org", "role", "title", "presence", "party"):
                continue
            owner, title = row_org, None
            orghead = _group_head(columns, c)
            if kind == "orghead":
                nxt = cells[c + 1] if c + 1 < len(cells) else ""
                if TITLE_WORD.search(cell) or cell[:1].islower():
                    continue  # a title: read with the name beside it
                if not nxt:
                    group_org[c] = cell  # "RSS Norrvalla" with no name beside it: a sub-heading
                continue
            if orghead is not None:
                owner = group_org.get(orghead, heads[orghead])
                left = cells[orghead] if orghead < len(cells) else ""
                if left and (TITLE_WORD.search(left) or left[:1].islower()):
                    title = left
            header_role = _ROLE_OF_HEADER.get(fold(heads[c]).split()[0]) if c < len(heads) and heads[c] else None
            org_kind = "municipality" if owner is row_org and row_org and _org_column_is_municipal(heads, columns) \
                else None
            for a in names(cell, row_presence, header_role or row_role, owner, line):
                a.title = a.title or title or row_title
                a.org_kind = a.org_kind or (org_kind if a.organisation == owner else None)
                a.party = a.party or row_party
                out.append(a)
    return out


def _org_column_is_municipal(heads: list[str], columns: list[str | None]) -> bool:
    return any(k == "org" and fold(heads[c]).startswith("kommun") for c, k in enumerate(columns) if c < len(heads))


def _group_head(columns: list[str | None], c: int) -> int | None:
    """The organisation heading that owns column c: the nearest "orghead" to its left, unless an
    organisation column stands between."""
    for k in range(min(c, len(columns)) - 1, -1, -1):  # a row may have more cells than the header
        if columns[k] == "orghead":
            return k
        if columns[k] == "org":
            return None
    return None


def _single(line: Line, presence: str, role: str | None, names) -> list[Attendee]:
    """A row flattened to one cell: "Region Norrvalla  Gunnel Rask, Petra Lindberg"."""
    m = _ORG_PREFIX.match(line.text)
    if m:
        return names(line.text[m.end() :], presence, role, m["org"], line)
    return names(line.text, presence, role, None, line)
