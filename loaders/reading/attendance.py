"""Who attended: attendance lists in whatever layout the minutes use.

An attendance block starts at a cue ("Närvarande", "Beslutande", "Kallade", "Frånvarande",
"Ersättare", "Övriga närvarande" … see ``cues.ATTENDANCE``) and runs to the next cue, header field
or section. Inside it each line is read by its shape, and the organisation of a person only comes
from a position: its own cell, "Namn, Organisation", "Namn (Organisation)", "Organisation: namn,
namn", a column heading — never from a word that happens to be in the lexicon.

    Närvarande: Henning Nåbo, Simon Lindblad          a paragraph list
    - Vilma Canfjorden                                a bullet list under a heading
    Ordförande | Samuel Hammersberg | Ja              a table with a role and a presence column
    Anna Andersson (S), ordförande                    a municipal list: party and role
    Närvarande Anna A, Bjurholm Per P, Vännäs         names followed by their municipality

Tables laid out in municipality and region columns go to ``tables.read_table``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.text import fold
from loaders.entities import TITLE_WORD, name_token, split_names
from loaders.lexicon import is_first_name, lookup_org
from loaders.reading.cues import ATTENDANCE, HEADER_FIELDS, PRESENCE_ANSWERS, ROLE_WORDS, SIGNATURE
from loaders.reading.grid import header_columns, read_grid
from loaders.reading.layout import Line
from loaders.reading.structure import Section
from loaders.reading.tables import read_table
from loaders.records import Attendee

__all__ = ["person_shape", "read_attendance"]

_ROLES = {fold(k): v for k, v in ROLE_WORDS.items()}
_PRESENCE = {fold(k) or k: v for k, v in PRESENCE_ANSWERS.items()}
# a party beside a name: the national parties in either case ("(S)", "(fp)") and a local party's
# initials ("(VF)", "(VIP)"); an organisation's known acronym in brackets is not a party
_PARTY = re.compile(r"\s*\((S|M|C|V|KD|L|MP|SD|FP|Fi|ÖP|SPI|s|m|c|v|kd|l|mp|sd|fp|[A-ZÅÄÖ]{1,4})\)")
_LEADING_ROLE = re.compile(r"(?i)^(" + "|".join(sorted((re.escape(k) for k in ROLE_WORDS if " " in k or len(k) > 4),
                                                        key=len, reverse=True)) + r")\.?\s+(?=[A-ZÅÄÖ])")
_TITLE_THEN_NAME = re.compile(r"^(?P<title>[a-zåäö][\wåäö-]*(?:\s+[a-zåäö][\wåäö-]*){0,3})\s+"
                              r"(?P<name>[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+){1,2})$")
# "Ulrika Fornell (M)": a name of two or more capitalised words before a party's letters, found by
# reading back from each party mark (as a pattern, r"[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)+\s*\(…\)",
# it was tried from every word of a long run of names: quadratic)
_PARTY_MARK = re.compile(r"\((?:S|M|C|V|KD|L|MP|SD|FP|s|m|c|v|kd|l|mp|sd|fp)\)")
_UPPER, _LOWER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"), frozenset("abcdefghijklmnopqrstuvwxyzåäöé")


def _party_names(text: str) -> list[int]:
    """Where each "Förnamn Efternamn (S)" in ``text`` begins, left to right, in linear time.

    >>> _party_names("ande: Ulrika Fornell (M), ordförande Anna Rydell (KD) Håkan (S)")
    [6, 37]
    """
    out = []
    for mark in _PARTY_MARK.finditer(text):
        end = mark.start()
        while end and text[end - 1].isspace():
            end -= 1
        words, start, pos = 0, 0, end
        while True:  # back over "Word", "Word-" or "Word " while they are there
            k = pos
            while k and text[k - 1] in _LOWER:
                k -= 1
            if k == pos or not k or text[k - 1] not in _UPPER:
                break
            words, start = words + 1, k - 1
            if not (start and text[start - 1] in "- "):
                break
            pos = start - 1
        if words >= 2:
            out.append(start)
    return out
_GLUED_MARK = re.compile(r"\)\s?X\b")
_AFTER_BRACKET = re.compile(r"(?<=\))\s+(?=[A-ZÅÄÖ][a-zåäöé]+(?:[- ][A-ZÅÄÖ][a-zåäöé]+)+)")
_PAREN = re.compile(r"\s*\(([^()]{1,60})\)")
_NOTE = re.compile(r"(?i)^\(?\s*(överstruken|överstrukna|kursiv|fetstil|x\s*=)")
_INITIAL = re.compile(r"^[^\W\d_]\.?$")
_ORG_FORM = re.compile(
    r"^(?:Region\s+[A-ZÅÄÖ]|RSS\b|Länsstyrelsen\b|[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖa-zåäö][\w-]*)?\s+(?:kommun|stad|län)$|"
    r"[A-ZÅÄÖ][\w-]*(?:verket|myndigheten|kassan|förmedlingen|inspektionen|institutet|förbundet|kansliet|"
    r"departementet|universitetet|sjukhuset|bolaget|regionen|stödet)(?:\s+[A-ZÅÄÖ]\w+)?$|[A-ZÅÄÖ][\w-]*\s+universitet$|Högskolan\b|Division\s)"
)
#: row labels that a table gives in the organisation's place ("Tjänstepersoner | Pernilla Spåls")
_LABEL_ORGS = {"tjanstepersoner", "tjanstemän", "politiker", "gaster", "adjungerade", "ovriga"}
_SPLIT = re.compile(r"\s*(?:,|;|(?<!-)\s+och\s+|\s+samt\s+|\s+&\s+)\s*(?![^()]*\))")  # not "Kultur- och fritids…"
_PARTICLES = {"von", "af", "van", "de", "der", "da", "di", "el", "al"}


@dataclass
class _Block:
    start: int  # first line of the block's list (may be the cue line itself)
    end: int
    presence: str
    role: str | None
    cue_line: int | None  # the line holding the cue, whose rest may hold names
    cue_text: str | None = None  # that line without its item number ("1. Kallade: …")


def person_shape(text: str, *, single: bool = False) -> bool:
    """Whether ``text`` is written like a person's name in a list: 1–5 capitalised words, initials
    allowed; a single word only when asked for and it is a known first name.

    >>> person_shape("Per P"), person_shape("Nikhil Olsson Mukhopadhyay"), person_shape("Region Dalarna")
    (True, True, False)
    >>> person_shape("Vilma", single=True), person_shape("Styrelserummet", single=True)
    (True, False)
    """
    tokens = text.split()
    if not tokens or len(tokens) > 5 or not all(t[0].isupper() or t in _PARTICLES for t in tokens):
        return False
    if len(tokens) == 1:
        return single and name_token(tokens[0]) and is_first_name(tokens[0])
    if not all(name_token(t) or t in _PARTICLES or _INITIAL.match(t) for t in tokens) or _INITIAL.match(tokens[0]):
        return False
    if tokens[0].lower() in ("von", "af", "van", "de", "der", "da", "di", "el", "al"):
        return False
    if _is_org(text) or TITLE_WORD.search(text) or fold(text) in _ROLES or ATTENDANCE.match(text):
        return False
    return sum(1 for t in tokens if len(t.rstrip(".")) == 1) <= 1


def _org_alias(text: str) -> bool:
    """ "Hav -o Vatten", "Skv": a spelling that is not a name and stands alone in a list of organisations."""
    words = text.split()
    return 1 <= len(words) <= 4 and text[:1].isupper() and not person_shape(text, single=True) and not any(
        w[:1].islower() and len(w) > 3 for w in words) and not TITLE_WORD.search(text)


def _is_org(text: str) -> bool:
    text = text.strip()
    if re.fullmatch(r"[A-ZÅÄÖ]{2,6}", text) and lookup_org(text, fuzzy=False):
        return True
    return bool(_ORG_FORM.match(text)) or (text[:1].isupper() and lookup_org(text, fuzzy=False) is not None)


def _blocks(lines: list[Line], sections: list[Section], header_end: int) -> list[_Block]:
    blocks: list[_Block] = []
    covered: set[int] = set()
    for s in sections:
        if s.kind != "attendance":
            continue
        cue = ATTENDANCE.match(s.title)
        presence, role = cue.value if cue else ("present", None)
        blocks.append(_Block(s.start, s.end, presence, role, s.start, s.title))
        covered.update(range(s.start, s.end))
    # cue lines in the header that are not headings: "Närvarande: (Överstruken = …)" + a table below
    i = 0
    while i < header_end:
        if i in covered or not lines[i].text:
            i += 1
            continue
        cue = ATTENDANCE.match(lines[i].text.split("\t")[0]) if len(lines[i].text) < 2000 else None
        if cue is None and len(_party_names(lines[i].text)) >= 3:
            # "ande: Ulrika Fornell (M), ordförande Anna Rydell (KD) …": a list of members by their
            # parties, its label lost in extraction
            blocks.append(_Block(i, i + 1, "present", None, None))
            covered.add(i)
            i += 1
            continue
        if cue is None or (lines[i].text.endswith(".") and not cue.rest):
            i += 1
            continue
        j = i + 1
        while j < header_end and j not in covered:
            text = lines[j].text
            if text and ((ATTENDANCE.match(text) and "\t" not in text) or _stops(text)):
                break
            j += 1
        blocks.append(_Block(i, j, cue.value[0], cue.value[1], i))
        covered.update(range(i, j))
        i = j
    return blocks


def _stops(text: str) -> bool:
    """A header field or signature line ends an attendance block."""
    f = HEADER_FIELDS.match(text)
    if f is not None and f.value != "body":
        return True
    s = SIGNATURE.match(text)
    if s is None or s.value not in ("secretary", "chair", "adjuster", "skip"):
        return False
    # a table row may start with a role ("Sekreterare | Lars Mark | Ja"); "Utses att justera | Bo Berg"
    # is the form's next field
    return "\t" not in text or (s.value == "adjuster" and len(s.label.split()) >= 2)


def _mode(lines: list[Line], block: _Block) -> tuple[str, int]:
    """How to read a block: "grid" (a header row names the columns), "table" (municipality and region
    columns as PDF extraction leaves them: ``tables.read_table``) or "list" (each line by its shape)."""
    rows = [k for k in range(block.start, block.end) if lines[k].text]
    for k in rows[:4]:
        if "\t" in lines[k].text and header_columns(lines[k].text.split("\t")):
            return "grid", k
    texts = [lines[k].text for k in rows]
    if any(_presence_cell(c) for r in texts if "\t" in r for c in r.split("\t")):
        return "list", -1
    tabbed = [r.split("\t") for r in texts if "\t" in r and not ATTENDANCE.match(r.split("\t")[0])]
    name_first = sum(1 for cells in tabbed if person_shape(_PARTY.sub("", _PAREN.sub("", cells[0])).strip()))
    known_place = sum(1 for cells in tabbed for c in cells if c[:1].isupper() and (org := lookup_org(c, fuzzy=False))
                      and org.org_type == "municipality")
    flattened = sum(1 for r in texts if len(r.split()) >= 4 and "\t" not in r and "," not in r and _municipality_inside(r))
    two_people = sum(1 for cells in tabbed if sum(1 for c in cells if person_shape(_PAREN.sub("", c).strip())) >= 2)
    if tabbed and name_first * 2 >= len(tabbed) and two_people < 2:
        return "list", -1  # "Elin Granath | Mossby | ordförande": one person per row
    if (len(tabbed) >= 2 and known_place >= 2) or flattened >= 2:
        return "table", -1
    return "list", -1


def _municipality_inside(text: str) -> bool:
    tokens = text.split()
    for k in range(1, len(tokens) - 1):
        org = lookup_org(tokens[k].strip(","), fuzzy=False) if tokens[k][:1].isupper() else None
        if org and org.org_type == "municipality":
            return True
    return False


def _presence_cell(cell: str) -> str | None:
    cell = cell.strip()
    return _PRESENCE.get(fold(cell) or cell) if cell and len(cell) <= 14 else None


def read_attendance(lines: list[Line], sections: list[Section], header_end: int) -> list[Attendee]:
    """Everyone the document lists, with presence: present, absent, or invited."""
    texts = [x.text for x in lines]
    out: list[Attendee] = []
    blocks = _blocks(lines, sections, header_end)
    for block in blocks:
        mode, header = _mode(lines, block)
        if mode == "grid":
            out.extend(_read_list(lines, _Block(block.start, header, block.presence, block.role, block.cue_line,
                                                block.cue_text)))
            out.extend(read_grid(lines, header, block.end, block.presence, block.role, _names))
        elif mode == "table":
            found = read_table(texts, block.cue_line, block.end)
            for a in found:
                a.presence = block.presence
            out.extend(found)
        else:
            out.extend(_read_list(lines, block))
    if not blocks and header_end:
        # no cue at all (a lost header, a Typst table): presence tables and column tables in the header
        presence_rows = [_Block(i, i + 1, "present", None, None) for i in range(header_end)
                         if "\t" in lines[i].text and any(_presence_cell(c) for c in lines[i].cells)]
        for block in presence_rows:
            out.extend(_read_list(lines, block))
        if not presence_rows:
            out.extend(read_table(texts, None, header_end))
    return _settle(out)


def _settle(found: list[Attendee]) -> list[Attendee]:
    """One record per person: present beats invited beats absent; "Kallade" alone means they came."""
    any_present_list = any(a.presence == "present" for a in found)
    best: dict[str, Attendee] = {}
    rank = {"present": 2, "invited": 1, "absent": 0}
    for a in found:
        if a.entity != "person":
            best.setdefault("org:" + fold(a.name), a)
            continue
        if a.presence == "invited" and not any_present_list:
            a.presence = "present"
        key = fold(a.name)
        old = best.get(key)
        if old is None or rank[a.presence] > rank[old.presence]:
            if old is not None:
                a.organisation = a.organisation or old.organisation
                a.role = a.role or old.role
            best[key] = a
        else:
            old.organisation = old.organisation or a.organisation
            old.role = old.role or a.role
    return list(best.values())


def _read_list(lines: list[Line], block: _Block) -> list[Attendee]:
    out: list[Attendee] = []
    presence, role = block.presence, block.role
    org_heading: str | None = None
    role_columns = _role_columns(lines, block)
    for i in range(block.start, block.end):
        line = lines[i]
        text = block.cue_text if i == block.cue_line and block.cue_text else line.text
        if not text or _NOTE.match(text):
            continue
        cue = ATTENDANCE.match(text.split("\t")[0])
        if cue is not None:
            presence, role = cue.value
            org_heading = None
            rest = cue.rest if "\t" not in text else "\t".join(text.split("\t")[1:])
            if cue.rest.startswith("(") and cue.rest.endswith(")"):
                continue  # "Närvarande: (Överstruken = icke närvarande)"
            text = rest
            if not text:
                continue
        elif i == block.start and block.cue_line == i:
            continue
        if cue is not None and (_presence_cell(text) or ATTENDANCE.match(text)) and len(text.split()) <= 2:
            continue  # "Ledamöter Närvarande": the headings of a name column and a presence column
        text, marked = _trailing_presence(text)
        party_names = _party_names(text)
        first = party_names[0] if party_names else None
        if first is not None and (block.cue_line is None or (first and len(party_names) >= 3
                                                             and not person_shape(text[:first].strip(" ,")))):
            # the party list without what stands before it ("Plats: … ande:", "Lund kl Håkan Bergendahl (m)")
            text = text[first:]
        elif _stops(text):
            continue
        cells = [c for c in text.split("\t") if c]
        if len(cells) > 1:
            out.extend(_row(cells, presence, role, line, role_columns))
            continue
        label = re.match(r"^([^:]{2,50})(?<!\d):\s*(.+)$", text)  # not "1:e vice ordförande"
        if label and not person_shape(label[1]) and fold(label[1]) not in _ROLES:
            heading_org = label[1].strip()
            if (lc := ATTENDANCE.match(heading_org)) is not None and fold(heading_org) not in _LABEL_ORGS:
                presence, role = lc.value
                heading_org = None
            out.extend(_names(label[2], presence, role, heading_org, line))
            continue
        if not line.bullet and len(text.split()) <= 4 and not re.search(r"[,;(]", text) and _is_org(text):
            org_heading = text  # "Region Dalarna" over the names that follow
            continue
        out.extend(_names(text, marked or presence, role, org_heading, line))
    return out


# a presence column left at the end of a row: "Solveig Arnér X", "Karin Ihre § 44-58, 66-71" (present for
# those paragraphs), "Britt Eriksdotter anmält förhinder"
_TRAILING_MARK = re.compile(r"(?i)\s+(?P<mark>x|ja|nej|§\s*\d[\d\s,–-]*|anmält förhinder|förhinder|frånvarande)\s*$")


def _trailing_presence(text: str) -> tuple[str, str | None]:
    m = _TRAILING_MARK.search(text)
    if m is None or "\t" in text or not person_shape(_PARTY.sub("", text[: m.start()]).strip(" ,")):
        return text, None
    mark = fold(m["mark"])
    presence = "absent" if mark in ("nej", "anmalt forhinder", "forhinder", "franvarande") else "present"
    return text[: m.start()].rstrip(" ,"), presence


def _role_columns(lines: list[Line], block: _Block) -> set[int]:
    """Columns that hold roles in most rows ("Ordförande | Samuel Hammersberg | Ja"): SAMO is a role there."""
    counts: dict[int, list[int]] = {}
    for line in lines[block.start : block.end]:
        cells = [c for c in line.text.split("\t") if c]
        if len(cells) < 2:
            continue
        for k, cell in enumerate(cells):
            hits = counts.setdefault(k, [0, 0])
            hits[0] += fold(cell) in _ROLES
            hits[1] += 1
    return {k for k, (roles, rows) in counts.items() if rows >= 2 and roles * 2 >= rows}


def _row(cells: list[str], presence: str, role: str | None, line: Line, role_columns: set[int]) -> list[Attendee]:
    """One table row: a name cell with role, presence and organisation cells beside it."""
    names: list[str] = []
    row_role, row_presence, orgs, titles = role, presence, [], []
    for k, cell in enumerate(cells):
        folded = fold(cell)
        if (p := _presence_cell(cell)) is not None:
            row_presence = p
        elif folded in _ROLES:
            row_role = _ROLES[folded]
        elif k in role_columns and len(cell.split()) <= 3:
            row_role = cell.lower() if not cell.isupper() else cell
        elif (cue := ATTENDANCE.match(cell)) is not None and not cue.rest:
            row_presence, row_role = cue.value[0], cue.value[1] or row_role
            if fold(cell) in _LABEL_ORGS:
                orgs.append(cell)  # "Tjänstepersoner | Pernilla Spåls": the row's label, as the table gives it
        elif person_shape(_PARTY.sub("", _PAREN.sub(lambda m: m[0] if _PARTY.match(m[0]) else "", cell)).split(",")[0]
                          .strip(), single=True):
            names.append(cell)
        elif TITLE_WORD.search(cell):
            titles.append(cell)
        elif cell[:1].isupper() and len(cell.split()) <= 5:
            orgs.append(cell)
    out = []
    for cell in names:
        for a in _names(cell, row_presence, row_role, orgs[0] if orgs else None, line):
            a.title = a.title or (titles[0] if titles else None)
            out.append(a)
    return out


def _names(text: str, presence: str, role: str | None, org: str | None, line: Line) -> list[Attendee]:
    """Names in a run of text, with what stands beside each: party, role, organisation, title.

    Semicolons separate people ("Kim Ek (ordf), Berg; Bo Al, Mora"); inside a person's entry a
    comma separates the name from its organisation, role and title. A further name after a comma
    ("Maria Jonsson, Arne Holmström") is another person when it starts with a known first name.
    """
    out: list[Attendee] = []
    quote = line.text.replace("\t", " ")
    groups = list(_FOR_BODY.finditer(text))
    if groups:
        # "För Kommunstyrelsen Johanna Ekelund (KD) … För Socialnämnden Maria Lindblad (M) …": each group's
        # members belong to the body its label names
        if groups[0].start() and text[: groups[0].start()].strip():
            out.extend(_names(text[: groups[0].start()], presence, role, org, line))
        for k, g in enumerate(groups):
            end = groups[k + 1].start() if k + 1 < len(groups) else len(text)
            out.extend(_names(text[g.end() : end], presence, role, g["org"], line))
        return out
    for m in _REPLACES.finditer(text):  # "Greta Sundkvist PRO ersätter Kalle Engvall": Kalle was not there
        out.append(Attendee(name=m["who"] or m["who2"], presence="absent", role=role, line=line.pos, quote=quote))
    text = _REPLACES.sub(" ", text)
    text = _names_then_orgs(text)
    text = _GLUED_MARK.sub(")", text)  # "Bo-Göran Frid (C)X": the X of a presence column, glued on
    text = _AFTER_BRACKET.sub(", ", text)  # "Roger Dvorak (VIP) Bengt Sjöstrand (S)": two people
    entries = [e for e in text.split(";")] if ";" in text else [text]
    for entry in entries:
        current: Attendee | None = None
        lower_org: Attendee | None = None
        explicit_role = False
        for part in _runs_of_names(p for p in _SPLIT.split(entry.strip(" .")) if p):
            a_name = part.startswith(_A_NAME)  # cut from a run of names: a person, whatever its first name
            part = part.lstrip(_A_NAME)
            party = None
            part_role, part_org, title = None, None, None
            m = _PARTY.search(part)
            if m and not lookup_org(m[1], fuzzy=False) and m[1] != "RSS":
                party = m[1].upper() if len(m[1]) <= 2 or m[1].islower() else m[1]
                part = part[: m.start()] + part[m.end() :]
            for pm in list(_PAREN.finditer(part)):
                inner = pm[1].strip()
                if fold(inner) in _ROLES:
                    part_role = _ROLES[fold(inner)]
                elif _is_org(inner) or (inner[:1].isupper() and not TITLE_WORD.search(inner)):
                    part_org = inner
                else:
                    title = inner
            part = _PAREN.sub("", part).strip(" .-–")
            label = _FRONT_LABEL.match(part)
            if label and person_shape(part[label.end() :].strip()):
                part = part[label.end() :].strip()  # "Justering Maud Ekberg": a label left beside the column
            tail = _TITLE_THEN_NAME.match(part)
            forced = a_name
            if tail and current is not None and person_shape(tail["name"]):
                # "regiondirektör Staffan Lidholm": the title of the name before, then the next name
                if fold(tail["title"]) in _ROLES and not explicit_role:
                    current.role, explicit_role = _ROLES[fold(tail["title"])], True
                else:
                    current.title = current.title or tail["title"]
                part, forced = tail["name"], True
            lead = _LEADING_ROLE.match(part)
            if lead and current is not None and lead.end() < len(part):
                # "ordförande Anna Rydell": the role of the name before, then the next name
                if not explicit_role:
                    current.role, explicit_role = _ROLES[fold(lead[1])], True
                part = part[lead.end() :].strip()
            if not part:
                if current is not None:
                    current.party = current.party or party
                    if part_role:
                        current.role, explicit_role = part_role, True
                continue
            folded = fold(part)
            words = part.split()
            if current is not None and not person_shape(part, single=True):
                current.party = current.party or party
                current.title = current.title or title
                if part_role:
                    current.role, explicit_role = part_role, True
            # "Bjurholm Per P", "Lerum Ingrid Sjödin (S)": the organisation of the name before, then the next name
            split = next((k for k in range(1, min(len(words), 4)) if lookup_org(" ".join(words[:k]), fuzzy=False)
                          and is_first_name(words[k]) and person_shape(" ".join(words[k:]), single=True)), None)
            if split is not None and current is not None:
                if current.organisation in (None, org):
                    current.organisation = " ".join(words[:split])
                current = Attendee(name=" ".join(words[split:]), organisation=part_org or org,
                                   role=part_role or role, party=party, presence=presence, line=line.pos, quote=quote)
                explicit_role = part_role is not None
                out.append(current)
                continue
            new_person = person_shape(part, single=True) and (
                current is None or forced or is_first_name(words[0]) or part_org is not None or part_role is not None
                or party is not None or (current.organisation is not None and len(words) >= 2 and not _is_org(part)))
            if new_person:
                current = Attendee(name=part, organisation=part_org or org, role=part_role or role, title=title,
                                   party=party, presence=presence, line=line.pos, quote=quote)
                explicit_role = part_role is not None
                out.append(current)
                continue
            if current is None and (_is_org(part) or _org_alias(part)) and not _NOT_A_PARTICIPANT.match(part):
                # an organisation in the list ("Medverkande: Trafikverket, Skatteverket …"): it takes part
                out.append(Attendee(name=part, entity="organisation", presence=presence, line=line.pos, quote=quote))
                continue
            if current is None:
                cut = _name_then_title(words)
                if cut:
                    after = " ".join(words[cut:])  # "Nils Swahn sekreterare": a role; "Bo Ek kommundirektör": a title
                    as_role = _ROLES.get(fold(after))
                    current = Attendee(name=" ".join(words[:cut]), organisation=part_org or org,
                                       role=part_role or as_role or role, title=None if as_role else after,
                                       party=party, presence=presence, line=line.pos, quote=quote)
                    out.append(current)
                continue
            if folded in _ROLES:
                if not explicit_role:
                    current.role, explicit_role = _ROLES[folded], True
                continue
            if part[:1].islower() and _BODY_IN_LOWER.search(part) and not TITLE_WORD.search(part) and \
                    current.organisation in (None, org):
                current.organisation = part  # "Solveig Åkerström, (s), nämnden för folkhälsa och primärvård"
                lower_org = current
                continue
            if part[:1].islower() and lower_org is current and len(words) <= 3 and not TITLE_WORD.search(part):
                current.organisation += f" och {part}"  # the "och" the list split at belonged to the name
                continue
            if TITLE_WORD.search(part) or part[:1].islower():
                current.title = part if current.title is None else f"{current.title}, {part}"
                continue
            if (_is_org(part) or (part[:1].isupper() and len(words) <= 5 and not re.search(r"\d", part))) and \
                    current.organisation in (None, org):
                current.organisation = part  # "Anna Ek, Region Dalarna"
    return out


# "(kom under punkt 7)", "(avvek en stund under punkt 8)": a note on a person's presence, not an organisation
_FRONT_LABEL = re.compile(r"^(?:Justering|Plats|Paragrafer|Underskrifter|Övriga)\s+(?=[A-ZÅÄÖ])")
_PERSON = r"[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\s+[A-ZÅÄÖ][a-zåäöé]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
# "X ersätter Kalle Engvall", "tjänstgörande ersättare för Ivar Jansson (SD)", "(ers Bo Ek)": the member replaced
_REPLACES = re.compile(rf"\s*\(\s*ers\.?\s+(?P<who>{_PERSON})\s*\)|\s+(?:ersätter|(?:tjänstgörande\s+)?ersättare\s+för|"
                       rf"ers\.?\s+(?:[A-ZÅÄÖ]{{2,5}}\s+)?för)\s+"
                       rf"(?P<who2>{_PERSON})(?:\s*\([A-Za-zÅÄÖåäö]{{1,4}}\)|\s+[A-ZÅÄÖ]{{2,5}}\b(?=\s+[A-ZÅÄÖ][a-zåäö]))?")
# an organisation written right after a name in a list without commas: an acronym ("PRO") or a body
# ("Omsorgsnämnden", "Humanistiska nämnden", "Kultur- och fritidsnämnden")
_ORG_AFTER_NAME = re.compile(r"(?<=\S\s)(?:[A-ZÅÄÖ]{2,5}|(?:[A-ZÅÄÖ][a-zåäö]+-\s+och\s+[a-zåäö]*|[A-ZÅÄÖ][a-zåäö]+a\s+"
                             r"[a-zåäö]*|[A-ZÅÄÖ][a-zåäö]*)(?:nämnden|styrelsen|förvaltningen|utskottet))(?=[\s,.;]|$)")


def _names_then_orgs(text: str) -> str:
    """ "Bosse Hammarlund PRO Rosmari Lindholm PRO …", "Åke Rönnbäck Omsorgsnämnden Lena Sjölander Humanistiska
    nämnden …": each name followed by its organisation, written "name, organisation;" for the list reader."""
    orgs = list(_ORG_AFTER_NAME.finditer(text))
    if len(orgs) < 3:
        return text
    chunks: list[tuple[str, str]] = []
    start = 0
    for m in orgs:
        chunk = text[start : m.start()].strip(" ,")
        lead = _LEADING_ROLE.match(chunk) if text[start : m.start()].lstrip().startswith(",") or \
            text[:start].rstrip().endswith(",") else None
        if lead and chunks:  # "Erling Backlund PRO, Ordförande Åke Rönnbäck …": the role of the name before
            chunks[-1] = (chunks[-1][0], f"{chunks[-1][1]}, {lead[1].lower()}")
            chunk = chunk[lead.end() :]
        chunks.append((chunk, m[0]))
        start = m.end()
    names = [_LEADING_ROLE.sub("", c).strip() for c, _ in chunks]
    if sum(1 for n in names if person_shape(n)) * 3 < len(names) * 2:
        return text
    return " ".join(f"{chunk}, {org};" for chunk, org in chunks) + text[start:]
# a body or office written in lower case beside a name: the person's organisation, not a title
_BODY_IN_LOWER = re.compile(r"(?:nämnd|styrelse|utskott|förvaltning|kontor|fullmäktige|kansli)(?:en|et)?\b")
# words a letterhead or page leaves in a list that name no participant
_NOT_A_PARTICIPANT = re.compile(r"(?i)^(?:sida|sid|protokoll|minnesanteckningar|anteckningar|sammanträdesprotokoll|"
                                r"sammanträdesdatum|justerandes sign|utdragsbestyrkande|paragrafer|bilaga|bilagor|"
                                r"justerare|justerande|underskrift|underskrifter|instans|bevis|anslag|anslaget)\b")
_FOR_BODY = re.compile(r"(?<!\S)För\s+(?P<org>(?:[\wÅÄÖåäö-]+\s+(?:och\s+)?){0,3}?[\wÅÄÖåäö-]*(?:nämnden|styrelsen|"
                       r"utskottet|förvaltningen|fullmäktige|rådet|kommun|regionen))\s+(?=[A-ZÅÄÖ])")
_PARAGRAPHS = re.compile(r"^(?:§\s*)?\d{1,3}(?:\s*[-–]\s*\d{1,3})?\s+(?=[A-ZÅÄÖ])")
_NOTE_PAREN = re.compile(r"\s*\((?=[a-zåäö])[^()]*\)")


def _runs_of_names(parts) -> list[str]:
    """A part holding several names without commas ("Fredrik Hedström Göran Mattsson Johan Forsgren",
    "ordförande Siv Norlén (kom under punkt 7) Mona Ekerot Ulf Renström") is cut where a known first
    name starts a new name; notes in brackets are dropped, and the run ends at the first word in lower
    case (the prose a flattened page goes on with)."""
    out: list[str] = []
    for part in parts:
        part = _PARAGRAPHS.sub("", part)  # "108 Karin Sellberg": present for § 108
        lead = _LEADING_ROLE.match(part)
        head, rest = (part[: lead.end()], part[lead.end() :]) if lead else ("", part)
        words = rest.split()
        if len(words) >= 4 and all(w[:1].isupper() for w in words) and not _PARTY.search(rest) and "(" not in rest:
            if any(_CAPITAL_TITLE.search(w) for w in words):
                # "Gudmund Tallroth Folkhälsosamordnare Förskollärare Danuta Ekström …": titles end the names
                out.extend(_A_NAME + " ".join(run) for run in _split_at_titles(words) if len(run) >= 2)
                continue
            names = split_names(rest)
            out.extend([head + names[0], *names[1:]])
            continue
        if len(words) >= 4 and not _PARTY.search(part) and _NOTE_PAREN.search(part):
            bare = _NOTE_PAREN.sub(" ", part).strip()
            lead = _LEADING_ROLE.match(bare)
            head = bare[: lead.end()] if lead else ""
            run = []
            for w in bare[len(head) :].split():
                if not w[:1].isupper():
                    break
                run.append(w)
            if len(run) >= 4:
                names = split_names(" ".join(run))
                out.extend([head + names[0], *names[1:]])
                continue
        out.append(part)
    return out


_A_NAME = "\x00"  # marks a part that a run of names was cut into
_CAPITAL_TITLE = re.compile(r"^[A-ZÅÄÖ][a-zåäö]{3,}(?:samordnare|lärare|behandlare|stödjare|ledare|sekreterare|handläggare|"
                            r"chef|direktör|strateg|pedagog|kurator|psykolog|sköterska|assistent|ordförande|justerare)$")


def _split_at_titles(words: list[str]) -> list[list[str]]:
    runs: list[list[str]] = [[]]
    for w in words:
        if _CAPITAL_TITLE.search(w) or w in ("Paragraf", "Paragrafer"):
            runs.append([])
        else:
            runs[-1].append(w)
    out = []
    for run in runs:
        out.extend(split_names(" ".join(run)) if len(run) >= 4 else [" ".join(run)] if run else [])
    return [r.split() for r in out]


def _name_then_title(words: list[str]) -> int | None:
    """"Bo Ek kommundirektör": where the name ends and the title begins."""
    cut = next((k for k in range(2, len(words)) if TITLE_WORD.search(words[k]) or words[k][:1].islower()), None)
    return cut if cut and person_shape(" ".join(words[:cut])) else None
