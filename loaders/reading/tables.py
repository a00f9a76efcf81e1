"""Attendance tables as PDF text extraction leaves them: municipality and region columns.

A table with the municipality in one column and the region's officers in another reaches us as
TAB-separated cells, as rows flattened to one line ("Anna-Karin Stillfors Avesta Åsa Dedering
Hälso- och sjukvårdsdirektör") or as names wrapped over several lines. The organisation of each
name comes from its position: the cell it stands in, the municipality between two names, the
column heading above it. A municipality is recognised inside a flattened row only by its exact
name; typos are accepted only in a cell of their own.
"""

from __future__ import annotations

import re

from graph.text import fold
from loaders.entities import TITLE_WORD, looks_like_person, name_token, split_names
from loaders.lexicon import is_first_name, lookup_org, region_for_county
from loaders.reading.layout import BULLET_MARK as BULLET
from loaders.records import Attendee

__all__ = ["read_table"]

# "Aino Testsdotter (Luleå)": tried only where a word begins, its first capital found without
# backtracking (tried from every capital of a long word it was quadratic); the same matches
_NAME_PAREN = re.compile(r"(?<![\w-])(?:[^\WA-ZÅÄÖÉ]|-)*+([A-ZÅÄÖÉ][\w-]++(?:\s+[A-ZÅÄÖÉ][\w-]++){1,3}+)"
                         r"\s*\(([^()]{2,60})\)")
_MAIN_ITEM = re.compile(r"^(?:§\s*\d{1,3}|(?:Punkt|Ärende)\s+\d{1,2}|\d{1,2}[.:])\s+\S")
_ATTENDANCE_START = re.compile(r"^(Närvarande|Deltagare|Närvarolista|Ledamöter|Närvaro|Deltog)\b", re.I)
# People listed as absent are not attendees: skip their section until the next attendance heading.
_ABSENT = re.compile(r"(?i)^(Förhinder|Anmält förhinder|Frånvarande|Ej närvarande|Avböjt|Anmälda frånvarande|Frånvaro)\b")
_PRESENT_AGAIN = re.compile(r"(?i)^(Närvarande|Deltagare|Övriga( närvarande| deltagare)?|Tjänstepersoner|Ersättare|Ledamöter|"
                            r"Adjungerade|Gäster|Från\s)\b")
# "Ordförande: Aino Testsdotter": a function, not a row of the table
_FUNCTION = re.compile(r"(?i)^(Ordförande|Vice ordförande|Sekreterare|Justerare|Justeras|Mötesledare|Antecknare|"
                       r"Protokollförare|Vid protokollet|Mötessekreterare|Sammankallande)\s*:\s*(.+)$")
_TRAILING_ROLE = re.compile(r"(?i),\s*(ordf\.?|ordförande|v\.?\s?ordf\.?|vice ordförande|sekr\.?|sekreterare|ers\.?|"
                            r"ersättare|tf\.?|adj\.?)(?=\s*(?:,|$))")
_PARTY = re.compile(r"\s*\((?:S|M|C|V|KD|L|MP|SD|FP)\)")
# "Aino Testsdotter (Luleå), Pekka Exempelinen (Region Norrbotten)"
_ROLE = re.compile(r"\((ordf\.?|ordförande|v\.?\s?ordf\.?|vice ordf(?:örande)?\.?|tf\.?|ers\.?|ersättare|sekr\.?|sekreterare|adj\.?)\)", re.I)
ROLE_NAMES = {"ordf": "ordförande", "ordförande": "ordförande", "v ordf": "vice ordförande", "vordf": "vice ordförande",
              "vice ordf": "vice ordförande", "vice ordförande": "vice ordförande", "tf": "tillförordnad",
              "ers": "ersättare", "ersättare": "ersättare", "sekr": "sekreterare", "sekreterare": "sekreterare",
              "adj": "adjungerad"}  # fmt: skip
ROW_LABELS = {"tjänstepersoner", "tjänstemän", "politiker", "ledamöter", "ersättare", "övriga", "gäster", "adjungerade",
              "sekreterare", "övriga närvarande", "frånvarande"}  # fmt: skip
ROLE_FOLDED = {fold(k): v for k, v in ROLE_NAMES.items()}
ROW_LABELS = {fold(label) for label in ROW_LABELS}


def read_table(clean: list[str], start: int | None, first_item: int) -> list[Attendee]:
    """Attendees in clean[start:first_item]; ``start`` is the attendance heading's line, if any."""
    if start is None:
        start = next((n for n in range(first_item) if _ATTENDANCE_START.match(clean[n])), None)
    if start is not None:
        # "Deltagare: A (Luleå), B (Piteå)": the list may start on the heading's own line
        head = re.sub(r"(?i)^(?:närvarande|deltagare|närvarolista|ledamöter|närvaro|deltog)\b[^:]*:?\s*", "",
                      clean[start])
        clean = list(clean)
        clean[start] = head
    if start is None:
        # a lost header (seed 000): rows of the table may still stand before the first item
        start = 0
    bare = [BULLET.sub("", line) for line in clean]
    rows = []
    for n in range(start, first_item):
        # "Kim Exempelsson (ordf), Berg; Helena Modellsson, Östersund; …": one entry per semicolon
        parts = [p.strip(" .") for p in bare[n].split(";")] if bare[n].count(";") >= 1 and "\t" not in bare[n] else [bare[n]]
        rows += [(n, part, part.split("\t") if "\t" in part else [part]) for part in parts if part]
    county = None
    for _, line, _ in rows:
        for token in re.split(r"[\t,]|\s{2,}", line):
            org = lookup_org(token.strip(), fuzzy=False)
            if org and org.org_type == "municipality":
                county = org.county
                break
        if county:
            break
    right_org = region_for_county(county) if county else None
    attendees: list[Attendee] = []
    pending: list[tuple[int, str]] = []

    def emit(names_text: str, org: str | None, n: int, quote: str) -> None:
        # "Petra Exempelgren, ordf": a role after a comma belongs to the name before it
        names_text = _TRAILING_ROLE.sub(lambda m: f" ({m[1]})", names_text)
        names_text = re.sub(r"\s*\((?![^)]*\b(?:ordf|ordförande|v\.? ?ordf|vice|tf|ers|ersättare|sekr|sekreterare|adj)\b)"
                            r"[^()]*\)", " ", names_text, flags=re.I)
        for raw_name in split_names(_ROLE.sub(lambda m: " " + m[0].replace(" ", "") + " ", names_text)):
            role = None
            rm = _ROLE.search(raw_name)
            if rm:
                role = ROLE_NAMES.get(re.sub(r"[.\s]", " ", rm[1].lower()).strip().replace("  ", " "), rm[1])
                raw_name = _ROLE.sub("", raw_name)
            name = " ".join(raw_name.split()).strip(" ,.")
            title = None
            tokens = name.split()
            cut = next((k for k, t in enumerate(tokens) if k >= 2 and TITLE_WORD.search(t)), None)
            if cut:
                name, title = " ".join(tokens[:cut]), " ".join(tokens[cut:])
            if looks_like_person(name) or (len(name.split()) >= 2 and all(name_token(t) for t in name.split())
                                           and not lookup_org(name, fuzzy=False)):
                attendees.append(Attendee(name=name, organisation=org, role=role, title=title, line=n + 1, quote=quote))

    absent = False
    for n, line, cells in rows:
        if _MAIN_ITEM.match(line):
            break
        if _ABSENT.match(line):
            absent = True
            continue
        if absent and not _PRESENT_AGAIN.match(line):
            continue
        absent = False
        if fm := _FUNCTION.match(line):
            role = ROLE_FOLDED.get(fold(fm[1]))
            for person in attendees:
                if role and fold(person.name) == fold(fm[2].split(",")[0]):
                    person.role = person.role or role
            continue
        line = _PARTY.sub("", line)
        cells = [_PARTY.sub("", c) for c in cells]
        paren = [(pm[1], pm[2]) for pm in _NAME_PAREN.finditer(line)
                 if not _ROLE.fullmatch(f"({pm[2]})") and pm[2][:1].isupper()]
        if paren and len(cells) == 1 and all(looks_like_person(name) for name, _ in paren):
            for name, org in paren:
                attendees.append(Attendee(name=name, organisation=org.strip(), line=n + 1, quote=line))
            continue
        low = fold(line)
        if re.match(r"^(kommun|kommuner)\b", low) and not re.search(r"[A-ZÅÄÖ][a-zåäö]+ [A-ZÅÄÖ][a-zåäö]+,", line):
            heading = re.sub(r"(?i)^kommun(er)?\s*", "", line.replace("\t", " ")).strip()
            org = lookup_org(heading, fuzzy=False)
            if org or heading:
                right_org = org.name if org else heading
            continue
        if fold(line).startswith(("overstruken", "(overstruken")) or "frånvarande)" in line.lower():
            continue
        if len(cells) > 1:
            label_idx = next((k for k, c in enumerate(cells) if _is_org_label(c)), None)
            if label_idx == 0:
                label = cells[0]
                for cell in cells[1:]:
                    if cell and not TITLE_WORD.match(cell.split()[0]):
                        emit(cell, label, n, line)
                    elif cell and attendees:
                        attendees[-1].title = cell
                continue
            if label_idx is not None:
                left = " , ".join([t for _, t in pending] + [c for c in cells[:label_idx] if c])
                pending.clear()
                emit(left, cells[label_idx], n, line)
                right = " ".join(c for c in cells[label_idx + 1 :] if c)
                if fold(right) in ROLE_FOLDED and attendees:  # a role column: "| Kim | Berg | ordförande |"
                    attendees[-1].role = attendees[-1].role or ROLE_FOLDED[fold(right)]
                    continue
                right_org = _right_column(right, right_org, n, line, emit)
                continue
            heading = " ".join(c for c in cells if c)
            if _heading_org(heading):
                right_org = _heading_org(heading)
                continue
            pending.append((n, " , ".join(c for c in cells if c)))
            continue
        colon = re.match(r"^([^:]{2,60}):\s*(.+)$", line)
        if colon and (_is_org_label(colon[1]) or _label_before_names(colon[1], colon[2])):
            emit(colon[2], colon[1].strip(), n, line)
            continue
        parts = [p.strip() for p in _ROLE.sub(lambda m: ", " + m[1], line).split(",")]
        parts = [p for p in parts if p]
        if len(parts) >= 2 and looks_like_person(parts[0]) and _comma_org(parts[1:]):
            org = _comma_org(parts[1:])
            rest = [p for p in parts[1:] if p != org]
            role = next((ROLE_FOLDED[fold(p)] for p in rest if fold(p) in ROLE_FOLDED), None)
            attendees.append(Attendee(name=parts[0], organisation=org, role=role,
                                      title=", ".join(rest) or None, line=n + 1, quote=line))
            continue
        found = _find_label_in_line(line)
        if found:
            s, e, label = found
            left = " ".join([t for _, t in pending] + [line[:s]])
            pending.clear()
            emit(left, label, n, line)
            right_org = _right_column(line[e:].strip(), right_org, n, line, emit)
            continue
        heading = _heading_org(line)
        if heading:
            right_org = heading
            continue
        pending.append((n, line))
    return attendees


def _label_before_names(label: str, names: str) -> bool:
    """"Vårdsamverkanskansliet: Emma Provander (sekr)", "Herrljunga, Vårgårda: Stefan Utkastberg"."""
    label = label.strip()
    if not label[:1].isupper() or fold(label) in ROLE_FOLDED or TITLE_WORD.search(label) or looks_like_person(label):
        return False
    first = split_names(re.sub(r"\([^()]*\)", " ", names))
    return bool(first) and looks_like_person(first[0])


def _comma_org(parts: list[str]) -> str | None:
    """In "Name, Organisation, role": the organisation, a known one or a capitalised non-role word."""
    known = next((p for p in parts if _is_org_label(p) and fold(p) not in ROW_LABELS), None)
    if known:
        return known
    first = parts[0]
    words = first.split()
    if (first[:1].isupper() and 1 <= len(words) <= 4 and fold(first) not in ROLE_FOLDED
            and not TITLE_WORD.search(first) and not is_first_name(words[0])):
        return first
    return None


def _is_org_label(text: str) -> bool:
    text = text.strip()
    if not text or len(text) > 60:
        return False
    if fold(text) in ROW_LABELS:
        return True
    org = lookup_org(text)
    return bool(org) or bool(re.match(r"^RSS(\s+[A-ZÅÄÖ]\w+)*$", text))


def _heading_org(text: str) -> str | None:
    """A sub-heading in a table ("RSS Dalarna / Hälsa och välfärd", "Region Dalarna")."""
    head = text.split("/")[0].strip()
    if not head or len(head.split()) > 4:
        return None
    if re.match(r"^RSS(\s+[A-ZÅÄÖ]\w+)*$", head):
        return head
    org = lookup_org(head, fuzzy=False)
    if org and org.org_type != "municipality":
        return org.name
    if fold(head) in ROW_LABELS:
        return head
    return None


def _find_label_in_line(line: str) -> tuple[int, int, str] | None:
    """The municipality (or row label) in a flattened two-column row, by position."""
    tokens = list(re.finditer(r"\S+", line))
    for size in (2, 1):
        for k in range(len(tokens) - size + 1):
            span = tokens[k : k + size]
            text = line[span[0].start() : span[-1].end()].strip(",")
            org = lookup_org(text, fuzzy=False) if text[:1].isupper() else None
            if org and org.org_type == "municipality":
                return span[0].start(), span[-1].end(), text
    return None


def _right_column(right: str, right_org: str | None, n: int, quote: str, emit) -> str | None:
    if not right:
        return right_org
    heading = _heading_org(right)
    if heading and not looks_like_person(" ".join(right.split()[:2])):
        return heading
    tokens = right.split()
    name_tokens: list[str] = []
    for token in tokens:
        if len(name_tokens) >= 2 and (TITLE_WORD.search(token) or token.endswith("-") or not token[:1].isupper()):
            break
        if TITLE_WORD.search(token) and len(name_tokens) >= 2:
            break
        name_tokens.append(token)
        if len(name_tokens) == 3:
            break
    if len(name_tokens) == 3 and (TITLE_WORD.search(name_tokens[2]) or name_tokens[2].endswith("-")):
        name_tokens = name_tokens[:2]
    name = " ".join(name_tokens)
    if looks_like_person(name) or len(name_tokens) >= 2:
        emit(name, right_org, n, quote)
    return right_org
