"""The letterhead and header of minutes: which body met, when, where.

The body is read, most certain first, from: a header field ("Organ Kommunstyrelsen"); the title
line ("Minnesanteckningar Länschefsnätverket", "Mötesprotokoll LiTHe kod", "Anteckningar från
arbetsmöte i NGP-gruppen"); a line right under a bare title; a letterhead line naming a group.
The meeting's date comes from a labelled field, then the title, then the first date in the
header that is not a deadline, an announcement or an adjustment date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.text import fold
from loaders.entities import Context, find_mentions
from loaders.lexicon import lookup_org
from loaders.reading.cues import ATTENDANCE, BODY_NOUNS, HEADER_FIELDS, MINUTES_TITLES, SIGNATURE, title_match
from loaders.reading.dates import find_dates
from loaders.reading.layout import Line
from loaders.records import Mention

__all__ = ["Header", "body_kind_of_noun", "read_header"]

GROUP_KINDS = ("Network", "Council", "SteeringGroup", "ProcessGroup", "ProgramArea", "WorkingGroup")
# words in a title that say what kind of meeting, not who met: "Anteckningar från arbetsmöte i …"
_MEETING_WORDS = re.compile(
    r"(?i)^(?:(?:från|för|vid|med|över|i|fört vid|under)\s+)?(?:(?:det|ett|extra|ordinarie|konstituerande|digitalt?|"
    r"gemensamt?)\s+)*(?:arbetsmöte|möte|mötet|sammanträde|sammanträdet|styrelsemöte|nätverksträff|träff|workshop|"
    r"planeringsdag|nätverksmöte|gruppmöte|telefonmöte|videomöte)?\s*(?:(?:med|för|i|hos|inom)\s+)?"
)
_TRAILING = re.compile(r"(?i)(?:\s+(?:genomfört|genomförd|hållet|hållen|via|över|på|i|den|kl\.?|måndag|tisdag|onsdag|"
                       r"torsdag|fredag|lördag|söndag|måndagen|tisdagen|onsdagen|torsdagen|fredagen)(?!\w)|\s*[(,–*]|\s+-\s).*$")
_CLOCK = re.compile(r"(?i)\bkl\.?\s*\d|\b\d{1,2}[.:]\d\d\b")
_DEADLINE = re.compile(r"(?i)\b(senast|före|innan|till och med|t\.?o\.?m\.?|deadline|nästa möte|nästa sammanträde|"
                       r"justera[st]?|anslag|föregående|tidigare|förra)\b")
_PROPER = re.compile(r"^[A-ZÅÄÖÉ0-9][\w&/.-]*(?:\s+(?:[A-ZÅÄÖÉa-zåäöé0-9][\w&/.-]*)){0,6}$")
# "1 (6)", "1(54)", "Sida 1 (3)": page numbers in a letterhead
_PAGE = re.compile(r"(?i)\b(?:sida\s+)?\d+\s*\(\d+\)|\bsida\s+\d+\b")
_BODY_WORD = re.compile(r"(?i)(grupp|nätverk|råd|nämnd|styrelse|utskott|förbund|forum|kommitté|delegation|beredning|"
                        r"samråd|fullmäktige|direktion|presidium|kansli|plattform)")
_NUMBER = re.compile(r"(?i)^(?:nr|nummer|no)\.?\s*\d|^\d")
_LABEL_IN_TITLE = re.compile(r"\s+(?=(?:Dag och tid|Datum och tid|Tid och plats|Dag|Datum|Tid|Plats|Närvarande|"
                             r"Beslutande|Ledamöter)\b\s*:?)")
_COMPOUND = re.compile(r"(?i)^(?:(?:från|vid|med)\s+)?(?P<kind>styrgrupps|nätverks|arbetsgrupps|beslutsgrupps|"
                       r"referensgrupps|processgrupps|rådets?|samverkansgrupps)möte[t]?\b\s*(?:med\s+|för\s+|i\s+)?"
                       r"(?P<name>.*)$")
_COMPOUND_NOUN = {"styrgrupps": ("Styrgruppen", "SteeringGroup"), "nätverks": ("Nätverket", "Network"),
                  "arbetsgrupps": ("Arbetsgruppen", "WorkingGroup"), "beslutsgrupps": ("Beslutsgruppen", "WorkingGroup"),
                  "referensgrupps": ("Referensgruppen", "WorkingGroup"), "processgrupps": ("Processgruppen",
                                                                                          "ProcessGroup"),
                  "rådets": ("Rådet", "Council"), "rådet": ("Rådet", "Council"),
                  "samverkansgrupps": ("Samverkansgruppen", "WorkingGroup")}  # fmt: skip


def _title_case(text: str) -> str:
    """ "ENERGIINTELLIGENT DALARNA" -> "Energiintelligent Dalarna": words in capitals (longer than an
    acronym) written as names; other words stay as written."""
    out = []
    for k, w in enumerate(text.split()):
        letters = [c for c in w if c.isalpha()]
        if k and w in ("FÖR", "OCH", "MED", "I", "OM", "AV", "TILL"):
            w = w.lower()
        elif len(letters) > 4 and all(c.isupper() for c in letters):
            w = w.lower()
            w = w if w in ("och", "för", "med") and k else w[:1].upper() + w[1:]
        out.append(w)
    return " ".join(out)


_GENRE_INSIDE = re.compile(r"^(?:\d{1,3}\s+)*[A-ZÅÄÖ][\wÅÄÖåäö-]*(?:\s+[A-ZÅÄÖ][\wÅÄÖåäö-]*){0,3}\s+"
                           r"(?P<genre>SAMMANTRÄDESPROTOKOLL|PROTOKOLL|MINNESANTECKNINGAR|Sammanträdesprotokoll|"
                           r"Protokoll|Minnesanteckningar)\s+(?P<body>[A-ZÅÄÖ][^.]{2,60})$")
# "NORDMALINGS KOMMUN", "1 MÖNSTERÅS KOMMUN SAMMANTRÄDESPROTOKOLL …", "Region Gotland", "LANDSTINGET I KALMAR LÄN":
# the organisation whose body met, at the head of a letterhead line
_OWNER = re.compile(r"^(?:\d{1,3}\s+)*(?P<org>(?:[A-ZÅÄÖ][\wÅÄÖåäö-]+\s+)?[A-ZÅÄÖ][\wÅÄÖåäö-]+\s+(?:KOMMUN|[Kk]ommun)"
                    r"|(?:REGION|Region)\s+[A-ZÅÄÖ][\wÅÄÖåäö-]+|(?:LANDSTINGET|Landstinget)\s+(?:I|i)\s+[A-ZÅÄÖ][\wÅÄÖåäö-]+"
                    r"\s+(?:LÄN|län))(?=\s|$)")
_PAGE_NUMBER = re.compile(r"^(?:\d{1,3}\s+)+(?:\(\d{1,3}\)\s+)?(?=[A-ZÅÄÖ])")  # "1 ", "1 1 (8) "
_BODY_PHRASE = re.compile(r"^(?P<phrase>(?:samråd|samrådsgrupp|råd|nätverk|grupp|styrgrupp|arbetsgrupp|referensgrupp|"
                          r"beredningsgrupp|forum|kommitté|presidium)\w*\s+(?:för|med|inom)\s+[^,(]+?)"
                          r"(?=\s+den\s+\d|\s+\d|\s*[,(]|\s+(?:dag|datum|tid|plats)\b|$)", re.IGNORECASE)
_OWNER_MEETING = re.compile(r"(?i)^(?:från\s+|vid\s+)?(?P<owner>[\wåäö-]{3,}?)s\s+(?:sammanträde|möte|styrelsemöte|"
                            r"sammanträden|möten)\b")
_REFERENCE_TAIL = re.compile(r"\s+[A-ZÅÄÖ]{1,5}\s?/\s?[\w-]*$")
_BODY_PROTOCOL = {"direktionsprotokoll": "Direktionen", "styrelseprotokoll": "Styrelsen", "namndprotokoll": "Nämnden",
                  "utskottsprotokoll": "Utskottet", "fullmaktigeprotokoll": "Fullmäktige"}
_STYRELSEMOTE = re.compile(r"(?i)^styrelse(?:möte|sammanträde)")


@dataclass
class Header:
    body: Mention | None = None
    date: str | None = None
    date_line: int | None = None
    notes_date: str | None = None
    time: str | None = None
    place: str | None = None
    diarienummer: str | None = None
    title: str | None = None
    aliases: list[list[str]] = field(default_factory=list)
    officials: list[tuple[str, str, int, str]] = field(default_factory=list)  # (role, names, line, quote)
    body_from: str = ""  # how the body was found, for the reading status
    owner: Mention | None = None  # the municipality or region the letterhead names ("NORDMALINGS KOMMUN")


def body_kind_of_noun(name: str, default: str = "Council") -> str:
    """The kind a body has when only its generic noun names it ("Styrelsen", "Nämnden")."""
    for key in fold(name).split() if name else []:  # the head noun: "styrgruppen för social välfärd"
        if key.endswith(("natverket", "natverk")):
            return "Network"
        if key.endswith(("styrgruppen", "styrgrupp")):
            return "SteeringGroup"
        if key.endswith(("gruppen", "grupp")):
            return "WorkingGroup"
        if key.endswith(("radet", "rad", "styrelsen", "styrelse", "namnden", "namnd", "utskottet", "fullmaktige")):
            return "Council"
    return default


def _group_mention(text: str, line: int, quote: str) -> Mention | None:
    found = [m for m in find_mentions(text, line, Context()) if m.kind in GROUP_KINDS]
    return found[0] if found else None


def _named_body(rest: str, line: int, quote: str) -> Mention | None:
    """The body a title names after its genre word: a known group pattern, or a proper-noun phrase."""
    rest = rest.strip(" :–-,*")
    if ATTENDANCE.match(rest) or HEADER_FIELDS.match(rest) or SIGNATURE.match(rest) or _NUMBER.match(rest):
        return None  # "Närvarande:" under a bare title is not who met; "NR 3/92-93" is a number
    rest = _LABEL_IN_TITLE.split(rest, maxsplit=1)[0]  # "… social välfärd Dag och tid: …"
    rest = _title_case(rest)
    if (c := _COMPOUND.match(rest)) is not None:
        # "styrgruppsmöte Energiintelligent Dalarna" -> Styrgruppen för Energiintelligent Dalarna
        name = _TRAILING.sub("", _MEETING_WORDS.sub("", c["name"], count=1)).strip(" :–-,*.")
        for d in reversed(find_dates(name)):
            name = name[: d.start] + name[d.end :]
        name = name.strip()
        noun, kind = _COMPOUND_NOUN[c["kind"].lower()]
        if name and name[:1].isupper() and len(name.split()) <= 5:
            return Mention(name=f"{noun} för {name}", kind=kind, line=line, quote=quote)
        if name and (owner := _group_mention(name, line, quote)) is not None and kind != owner.kind:
            # "styrgruppsmöte för det nationella landsbygdsnätverket": the steering group of that network
            return Mention(name=f"{noun} för {owner.name}", kind=kind, line=line, quote=quote,
                           parent=owner.name if kind == "SteeringGroup" else None)
        return Mention(name=noun, kind=kind, line=line, quote=quote)
    if (phrase := _BODY_PHRASE.match(rest)) is not None:
        # "samråd för pensionärsorganisationer för norra hälso- och sjukvårdsnämnden": the body is the whole
        # phrase, not the nämnd it ends with
        name = phrase["phrase"].strip()
        return Mention(name=name, kind=body_kind_of_noun(name.split()[0], default="Council"), line=line, quote=quote)
    found = _group_mention(rest, line, quote)
    if found:
        return found
    if (owner := _OWNER_MEETING.match(rest)) is not None:
        # "från folkhälsorådets sammanträde": the owner of the meeting, named in the genitive
        word = owner["owner"][0].upper() + owner["owner"][1:]
        named = _group_mention(word, line, quote)
        if named is not None or _BODY_WORD.search(word):
            return named or Mention(name=word, kind=body_kind_of_noun(word), line=line, quote=quote)
    rest = _MEETING_WORDS.sub("", rest, count=1)
    rest = _PAGE.sub(" ", rest).strip()
    for d in reversed(find_dates(rest)):
        rest = rest[: d.start] + rest[d.end :]
    rest = _TRAILING.sub("", rest).strip(" :–-,*.")
    rest = _REFERENCE_TAIL.sub("", rest)  # "Teknikutskottet LK/": a file reference after the name
    if rest and rest[:1].islower() and _BODY_WORD.search(rest) and len(rest.split()) <= 4 \
            and not re.search(r"\d", rest):
        return Mention(name=rest, kind=body_kind_of_noun(rest), line=line, quote=quote)  # "sektionens styrelse"
    if not rest or not _PROPER.match(rest) or len(rest) < 2 or rest.isdigit():
        return None
    if lookup_org(rest, fuzzy=False):
        return Mention(name=lookup_org(rest, fuzzy=False).name, kind="Organisation", line=line, quote=quote)
    key = fold(rest)
    if key in BODY_NOUNS:
        return Mention(name=BODY_NOUNS[key], kind=body_kind_of_noun(key), line=line, quote=quote)
    if re.search(r"\d", rest) and len(rest.split()) == 1:
        return None
    words = rest.split()
    if len(words) > 2 and not _BODY_WORD.search(rest) and any(w[:1].islower() and len(w) > 3 for w in words[1:]):
        return None  # "Ordföranden går igenom föregående": a sentence, not a name
    kind = body_kind_of_noun(rest, default="WorkingGroup")
    return Mention(name=rest, kind=kind, line=line, quote=quote, declared=False)


def _named_in_cells(line: Line) -> Mention | None:
    """The body a letterhead line names. A two-column letterhead ("KOMMUNSTYRELSEN  Sammanträdesdatum")
    puts the body in one column and a field label or page number in the other: each cell is read
    alone, labels skipped."""
    for cell in line.cells:
        if HEADER_FIELDS.match(cell) or _PAGE.fullmatch(cell.strip()) or title_match(cell) is not None:
            continue
        named = _named_body(cell, line.pos, line.text)
        if named is not None:
            return named
    return None


def read_header(lines: list[Line], end: int) -> Header:
    """Read lines[0:end] (before the first agenda item)."""
    h = Header()
    dates: list[tuple[int, str, str]] = []  # (index, iso, how)
    title_index = None
    for i in range(end):
        text = lines[i].text.replace("\t", " ").strip()
        if not text:
            continue
        if (f := HEADER_FIELDS.match(text)) is not None:
            value = f.rest or _next_text(lines, i, end)
            if f.value in ("date", "notes_or_meeting_date"):
                for d in find_dates(value)[:1]:
                    dates.append((i, d.iso, f.value))
                if f.value == "date" and f.label.lower().startswith(("tid och plats", "plats och tid")):
                    h.place = h.place or value
            elif f.value == "time":
                h.time = h.time or value
                for d in find_dates(value)[:1]:
                    dates.append((i, d.iso, "date"))
            elif f.value == "place":
                h.place = h.place or value
            elif f.value == "dnr":
                h.diarienummer = h.diarienummer or value
            elif f.value == "body" and h.body_from != "field" and value:
                named = _named_body(value, i + 1, text)  # "Organ: X" says who met, over any title
                if named is not None:
                    h.body, h.body_from = named, "field"
            continue
        if (s := SIGNATURE.match(text)) is not None and s.value in ("secretary", "chair", "adjuster") and s.rest \
                and "\t" not in lines[i].text:
            h.officials.append((s.value, s.rest, i + 1, text))
            continue
        t = title_match(text)
        if t is None and title_index is None and (page := _PAGE_NUMBER.match(text)) is not None:
            t = MINUTES_TITLES.match(text[page.end() :])  # "1 Minnesanteckningar från …": a page number first
        if t is None and title_index is None and (inside := _GENRE_INSIDE.match(text)) is not None:
            # "1 MÖNSTERÅS KOMMUN SAMMANTRÄDESPROTOKOLL Folkhälsorådet": the organisation, the genre, the body
            t = MINUTES_TITLES.match(f"{inside['genre']} {inside['body']}")
        if t is not None and (title_index is None or h.body is None) and len(text) < 160:
            title_index = i if title_index is None else title_index
            h.title = h.title or text
            for d in find_dates(text):
                dates.append((i, d.iso, "title"))
            if h.body is None:
                rest = t.rest
                again = MINUTES_TITLES.match(rest)
                rest = again.rest if again is not None else rest  # "Protokoll Protokoll från …": a running head
                h.body = _named_body(rest, i + 1, text) if rest else None
                if h.body is None and _STYRELSEMOTE.match(t.label):
                    h.body = Mention(name="Styrelsen", kind="Council", line=i + 1, quote=text)
                if h.body is None and (noun := _BODY_PROTOCOL.get(fold(t.label))) is not None:
                    h.body = Mention(name=noun, kind="Council", line=i + 1, quote=text)  # "Direktionsprotokoll"
                if h.body is None and not _rest_is_only_date(rest):
                    h.body = _group_mention(text, i + 1, text)
                if h.body is None and i > 0:
                    # "SAMVERKAN BARN OCH UNGDOM" / "Protokoll 2017-04-27": the letterhead above names it
                    prev = next((lines[k] for k in range(i - 1, max(-1, i - 3), -1) if lines[k].text), None)
                    if prev is not None and len(prev.text) < 60 and not find_dates(prev.text):
                        h.body = _named_in_cells(prev)
                        if h.body is not None and h.body.kind == "WorkingGroup" and len(h.body.name.split()) == 1 \
                                and not _BODY_WORD.search(h.body.name):
                            h.body = None  # "Transkript" over "Protokoll": one word that names no body
                if h.body is None:
                    # "Mötesprotokoll" / "LiTHe kod" / "2016–05–25": the body on a line of its own
                    nxt = _next_index(lines, i, end)
                    if nxt is not None and not find_dates(lines[nxt].text) and len(lines[nxt].text) < 60:
                        h.body = _named_in_cells(lines[nxt])
                h.body_from = "title" if h.body else ""
            continue
        if not _DEADLINE.search(text):
            for d in find_dates(text)[:1]:
                dates.append((i, d.iso, "text" if d.exact else "compact"))
    if h.body is None:
        _body_from_meeting_phrase(lines, end, h)
    _body_from_letterhead(lines, end, h)
    h.owner = _owner(lines, end)
    _choose_date(lines, dates, h)
    return h


# "SW-ORG 72/06/92 Möte med sektionens styrelse den 19-20 sept. 1992": who met, inside a header line
_MEETING_OF = re.compile(r"(?i)\b(?:möte|mötet|sammanträde|sammanträdet|protokoll|minnesanteckningar|anteckningar)\s+"
                         r"(?:med|för|i|hos)\s+(?P<body>[^.,;:()]{3,60}?)(?=\s+(?:den|på|kl)\b|\s+\d|[.,;:(]|$)")


def _body_from_meeting_phrase(lines: list[Line], end: int, h: Header) -> None:
    for i in range(min(end, 15)):
        text = lines[i].text.replace("\t", " ")
        m = _MEETING_OF.search(text) if text and len(text) < 200 else None
        if m is None:
            continue
        named = _named_body(m["body"], i + 1, text)
        if named is not None and named.kind != "Organisation" and _BODY_WORD.search(named.name):
            h.body, h.body_from = named, "title"
            return


def _owner(lines: list[Line], end: int) -> Mention | None:
    """The municipality, region or county council a letterhead names in the document's first lines."""
    seen = 0
    for i in range(min(end, 40)):
        text = lines[i].text.replace("\t", " ").strip()
        if not text:
            continue
        seen += 1
        if seen > 8:
            return None
        m = _OWNER.match(text)
        if m is None or (len(text.split()) > 6 and not _GENRE_INSIDE.match(text)):
            continue
        name = " ".join(w.capitalize() if w.isupper() and len(w) > 1 else w for w in m["org"].split())
        name = re.sub(r"\b(Kommun|Län|I)\b", lambda x: x[0].lower(), name)  # "Nordmalings kommun", "… i Kalmar län"
        known = lookup_org(name, fuzzy=False)
        return Mention(name=known.name if known else name, kind="Organisation", line=i + 1, quote=text,
                       aliases=[m["org"]] if m["org"] != (known.name if known else name) else [])
    return None


def _rest_is_only_date(rest: str) -> bool:
    for d in reversed(find_dates(rest)):
        rest = rest[: d.start] + rest[d.end :]
    return not rest.strip(" :–-,*.")


def _next_index(lines: list[Line], i: int, end: int) -> int | None:
    return next((k for k in range(i + 1, min(end, i + 4)) if lines[k].text), None)


def _next_text(lines: list[Line], i: int, end: int) -> str:
    k = _next_index(lines, i, end)
    return lines[k].text.replace("\t", " ") if k is not None else ""


def _body_from_letterhead(lines: list[Line], end: int, h: Header) -> None:
    """Groups named in the header; the first is the body when nothing else said, the others its aliases."""
    names: list[Mention] = []
    acronyms: list[str] = []
    for i in range(min(end, 60)):
        text = lines[i].text
        if not text or HEADER_FIELDS.match(text):
            continue
        words = len(text.split())
        if ATTENDANCE.match(text) or len(re.findall(r"\([A-ZÅÄÖa-zåäö]{1,4}\)", text)) >= 2:
            continue  # a list of members, with the bodies they sit for, names no letterhead
        if lines[i].bullet or (words > 5 and text.rstrip().endswith((".", "!", "?"))) or (
                words > 12 and re.search(r"[.!?]\s+[A-ZÅÄÖ]", text)):
            continue  # a list or a sentence of prose ("… är beslutat i Regionfullmäktige.") is no letterhead
        found = [m for m in find_mentions(text.replace("\t", " "), i + 1, Context()) if m.kind in GROUP_KINDS]
        names.extend(found)
        if text.startswith("(") and text.rstrip().endswith(")"):  # "(LCHNV)", "(Länschefsnätverket, LCHNV)" alone
            acronyms.extend(re.findall(r"^\(\s*(?:[^()]*,\s*)?([A-ZÅÄÖ]{3,8}|[A-ZÅÄÖ]{2,6}-[a-zåäö]{3,12})\s*\)$",
                                       text.strip()))
        for mention in found:  # "Länsnätverket vård och omsorg i Kalmar län (LVO)": an acronym after a group's name
            at = text.lower().find(mention.name.lower())
            after = text[at + len(mention.name) : at + len(mention.name) + 60] if at >= 0 else ""
            acronyms.extend(re.findall(r"^[^()]*\(\s*(?:[^()]*,\s*)?([A-ZÅÄÖ]{3,8}|[A-ZÅÄÖ]{2,6}-[a-zåäö]{3,12})\s*\)",
                                       after))
    if h.body is None and names:
        h.body = names[0]
        h.body_from = "letterhead"
    if h.body is not None:
        same = [x.name for x in names if x.kind == h.body.kind and fold(x.name) != fold(h.body.name)
                and fold(x.name) not in fold(h.body.name)]  # a name inside the body's own is not another name
        group = [h.body.name, *dict.fromkeys(same), *dict.fromkeys(acronyms)]
        if len(group) > 1:
            h.aliases.append(group)
            h.body.aliases = group[1:]


def _choose_date(lines: list[Line], dates: list[tuple[int, str, str]], h: Header) -> None:
    if not dates:
        return

    def near_clock(i: int) -> bool:
        window = " ".join(x.text for x in lines[i : i + 3])
        return bool(_CLOCK.search(window)) or any(HEADER_FIELDS.match(x.text) and HEADER_FIELDS.match(x.text).value
                                                 in ("time", "place") for x in lines[i + 1 : i + 4])

    labelled = [d for d in dates if d[2] == "date"]
    datum = [d for d in dates if d[2] == "notes_or_meeting_date"]
    titled = [d for d in dates if d[2] == "title"]
    if labelled:
        meeting = labelled[0]
    elif datum:
        # "Datum: 2025-02-12" (when the notes were written) vs "Datum: 7 februari 2025" + "Tid: …"
        meeting = next((d for d in datum if near_clock(d[0])), datum[-1] if len(datum) > 1 else datum[0])
    elif titled:
        meeting = titled[0]
    else:
        exact = [d for d in dates if d[2] == "text"] or dates
        meeting = next((d for d in exact if near_clock(d[0])), exact[0])
    h.date, h.date_line = meeting[1], meeting[0] + 1
    others = [iso for i, iso, how in dates if i != meeting[0] and iso != meeting[1] and how != "text"]
    h.notes_date = others[0] if others else None
