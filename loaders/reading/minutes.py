"""Minutes, read in stages: layout -> sections -> header, attendance, items -> MinutesRecord.

    read_minutes(lines)      pure: the reader's lines in, a typed record out, no files

Every stage is its own module; this one only runs them in order and says, in Swedish, what it
could not find, so that nothing is dropped without a word.
"""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel
from rapidfuzz.distance import DamerauLevenshtein

from graph.text import fold
from loaders.entities import Context, split_names
from loaders.reading.attendance import read_attendance
from loaders.reading.cues import ATTENDANCE, BODY_NOUNS, DECISION_HEADS, HEADER_FIELDS, ROLE_WORDS
from loaders.reading.decisions import body_from_decisions
from loaders.reading.header import body_kind_of_noun, read_header
from loaders.reading.items import read_item
from loaders.reading.layout import Line, layout
from loaders.reading.structure import Section, find_sections
from loaders.records import Attendee, Mention, MinutesRecord

__all__ = ["read_minutes"]

_DECISION_WORDS = re.compile(r"(?i)\b(beslut\w*|beslöt|bifall\w*|enades|godkän\w*|fastställ\w*|bordl\w*)\b")
# "Styrelsen uppfyller kraven", "Styrelsens beslutbarhet": the body a text names only by its noun
_BODY_NOUN = re.compile(r"(?:^|(?<=[.:]\s)|(?<=^Att:\s))(" + "|".join(
    sorted(BODY_NOUNS.values(), key=len, reverse=True)) + r")s?\b")
_OFFICIAL_ROLES = {"secretary": "sekreterare", "chair": "ordförande", "adjuster": "justerare"}


def _surname_first(record: MinutesRecord) -> None:
    """ "Lindeberg Cecilia (FP)", "Malmsten Tore (S)": a list that writes its names surname first, as many municipal
    protocols do, is turned to "Cecilia Lindeberg"; the written order stays an alias (the text may use both)."""
    from loaders.lexicon import is_first_name

    two = [a for a in record.attendees if a.entity == "person" and len(a.name.split()) == 2]
    flips = [a for a in two if is_first_name(a.name.split()[1]) and not is_first_name(a.name.split()[0])]
    usual = [a for a in two if is_first_name(a.name.split()[0]) and not is_first_name(a.name.split()[1])]
    if len(flips) < 3 or len(flips) <= 2 * len(usual):
        return
    flips = [a for a in two if not is_first_name(a.name.split()[0])]  # the list's order: "Castillo Yolanda" too
    for a in flips:
        surname, first = a.name.split()
        record.aliases.append([f"{first} {surname}", a.name])
        a.name = f"{first} {surname}"


def read_minutes(raw_lines: list[str], laid: list[Line] | None = None) -> MinutesRecord:
    lines = laid if laid is not None else layout(raw_lines)
    sections = find_sections(lines)
    first = next((s.start for s in sections if s.kind in ("item", "action")), len(lines))
    front = _front_end(lines, sections, first)
    header = read_header(lines, front)
    record = MinutesRecord(body=header.body, date=header.date, date_line=header.date_line,
                           notes_date=header.notes_date, time=header.time, place=header.place,
                           diarienummer=header.diarienummer, aliases=header.aliases, owner=header.owner)
    record.attendees = read_attendance(lines, sections, front)
    _officials(record, header.officials)
    _surname_first(record)
    if record.body is not None and record.body.kind == "Organisation" and \
            body_kind_of_noun(record.body.name.split()[-1], default="Organisation") == "Council":
        # "PROTOKOLL … Brottsförebyggande rådet (BRÅ)": a body that meets and is named a council is one here,
        # whatever national agency bears the same name
        record.body = record.body.model_copy(update={"kind": "Council"})
    ctx = Context(body=record.body.name if record.body else None, body_kind=record.body.kind if record.body else None)
    for group in record.aliases:
        for alias in group[1:]:
            ctx.aliases[alias] = group[0]
    if record.body is None:
        record.body = body_from_decisions(lines, ctx) or _body_by_noun(lines)
        if record.body is not None:
            ctx.body, ctx.body_kind = record.body.name, record.body.kind
    for person in record.attendees:
        if len(person.name.split()) > 1 and person.entity == "person":
            ctx.people[fold(person.name)] = person.name
            for title in (person.title, person.role):
                if title:  # "Birgitta Wallén, regiondirektör": who "Regiondirektören" is
                    ctx.titles.setdefault(fold(title).split(",")[0].strip(), person.name)
    pre = _text_before_items(lines, sections, first)
    if pre is not None:
        sections.insert(0, pre)
    if not any(s.kind in ("item", "action") for s in sections) and lines:
        # no agenda items to go by (a web page's text): the whole text is read as one item without a
        # label, so its decisions are still found
        sections.append(Section("item", "", "", 0, 0, len(lines)))
    for section in sections:
        if section.kind in ("item", "action"):
            record.items.append(read_item(lines, section, ctx, record))
    _warn(record, lines)
    if any(x.n != k + 1 for k, x in enumerate(lines)):
        renumber(record, lines)
    return record


_LINE_FIELDS = ("line", "end_line", "date_line")


def renumber(record: BaseModel, lines: list[Line]) -> None:
    """The stages count lines by position; a flattened line cut into pieces (``flat``) makes positions
    and source lines differ, so every line field is turned back into the source line it came from."""
    seen: set[int] = set()
    last = len(lines)

    def source(value: int) -> int:
        return lines[min(max(value, 1), last) - 1].n

    def walk(obj) -> None:
        if isinstance(obj, list | tuple):
            for x in obj:
                walk(x)
            return
        if not isinstance(obj, BaseModel) or id(obj) in seen:
            return
        seen.add(id(obj))
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name in _LINE_FIELDS and isinstance(value, int):
                setattr(obj, name, source(value))
            elif isinstance(value, BaseModel | list | tuple):
                walk(value)

    walk(record)
    record.warnings = [(source(n) if isinstance(n, int) else n, m) for n, m in record.warnings]


def _front_end(lines: list[Line], sections: list[Section], first: int) -> int:
    """Where the front page (header and attendance) ends: at the first item, unless unnumbered headings
    come first and the front page's lists stand under them ("Transkript" over a flattened first page)."""
    titles = Counter(fold(s.title) for s in sections if s.kind == "item")
    # a numbered "item" whose title starts every page ("1 Styrelsen", "2 Styrelsen") is a page head, not an item
    limit = next((s.start for s in sections if s.kind in ("item", "action") and s.numbered and s.start >= first
                  and titles[fold(s.title)] < 2), len(lines))
    cues = [k for k in range(first, min(limit, first + 80)) if lines[k].text and len(lines[k].text) < 3000
            and (ATTENDANCE.match(lines[k].text) or HEADER_FIELDS.match(lines[k].text))]
    return max(first, cues[-1] + 1) if cues else first


def _text_before_items(lines: list[Line], sections: list[Section], first: int) -> Section | None:
    """Notes that start before their first heading ("* ENA status: Man har tagit beslut i opsam …"): read
    as an unlabelled item, since a header holds fields and lists, not prose."""
    if first >= len(lines) or not any(s.kind in ("item", "action") for s in sections):
        return None
    covered = {k for s in sections if s.kind == "attendance" for k in range(s.start, s.end)}
    prose = [k for k in range(first) if k not in covered and lines[k].text and "\t" not in lines[k].text
             and (lines[k].bullet or len(lines[k].text.split()) >= 8) and not HEADER_FIELDS.match(lines[k].text)
             and not ATTENDANCE.match(lines[k].text)]
    if len(prose) < 2:
        return None
    return Section("item", "", "", prose[0], prose[0], first)


def _officials(record: MinutesRecord, officials: list[tuple[str, str, int, str]]) -> None:
    """ "Vid protokollet: Tomas Snäckerström", "Ordförande: Sofia Jarl": present, in that role."""
    known = {fold(a.name): a for a in record.attendees}
    for kind, names, line, quote in officials:
        # "Justerare: Rosmarie Lindholm (PRO) Ester Lindvall (SPF)": brackets end a name too; "Ordförande: X (FP)
        # 2:e vice ordförande: Y (S)": a role label inside the field gives the names after it that role
        for label, segment in _role_segments(names):
            _official_names(record, known, ROLE_WORDS.get(label.lower(), _OFFICIAL_ROLES[kind]) if label else
                            _OFFICIAL_ROLES[kind], segment, line, quote)


_ROLE_LABEL = re.compile(r"((?:\d:e\s+|förste\s+|andre\s+)?(?:vice\s+)?\b[A-ZÅÄÖa-zåäö][a-zåäö]+)\s*:")


def _role_segments(text: str) -> list[tuple[str, str]]:
    parts = _ROLE_LABEL.split(text)
    return [("", parts[0]), *zip(parts[1::2], parts[2::2], strict=True)]


def _official_names(record: MinutesRecord, known: dict, role: str, names: str, line: int, quote: str) -> None:
    names = re.sub(r"\([^()]*\)", ",", names)
    parts = re.split(r"\s*(?:,|\boch\b)\s*", names)
    for name in [n for part in parts for n in (split_names(part) if len(part.split()) > 4 else [part])]:
        name = name.strip(" .")
        words = name.split()
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        near = [a for key, a in known.items() if len(key) >= 8 and len(key.split()) == len(words)
                and DamerauLevenshtein.distance(key, fold(name)) <= 1]
        if fold(name) in known:
            known[fold(name)].role = known[fold(name)].role or role
        elif len(near) == 1 and len(fold(name)) >= 8:
            # "Justerare: Rosmarie Lindholm (PRO)" signs for "Rosmari Lindholm" of the list: one person
            near[0].role = near[0].role or role
            record.aliases.append([near[0].name, name])
        else:
            known[fold(name)] = Attendee(name=name, role=role, line=line, quote=quote)
            record.attendees.append(known[fold(name)])


def _body_by_noun(lines: list[Line]) -> Mention | None:
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, str]] = {}
    for line in lines:
        for m in _BODY_NOUN.finditer(line.text):
            key = fold(m[1])
            counts[key] += 1
            first.setdefault(key, (line.pos, line.text))
    if not counts:
        return None
    key, _ = counts.most_common(1)[0]
    line, quote = first[key]
    return Mention(name=BODY_NOUNS[key], kind=body_kind_of_noun(key), line=line, quote=quote)


def _warn(record: MinutesRecord, lines: list[Line]) -> None:
    if record.date is None:
        record.warnings.append((None, "inget mötesdatum i texten: mötet sparas utan datum"))
    if record.body is None:
        record.warnings.append((None, "inget organ hittades: vem som höll mötet är okänt; besluten sparas på mötet"))
    if not any(a.presence == "present" for a in record.attendees):
        record.warnings.append((None, "ingen närvarolista hittades"))
    decided = sum(len(i.decisions) for i in record.items)
    if decided == 0:
        hits = [x.pos for x in lines if x.text and (_DECISION_WORDS.search(x.text) or DECISION_HEADS.match(x.text))]
        if hits:
            record.warnings.append((hits[0], f"texten har beslutsord ({len(hits)} rader) men inga beslut kunde läsas"))
