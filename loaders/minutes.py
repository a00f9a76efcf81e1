"""Minutes parser: numbered lines of minutes ("minnesanteckningar", "protokoll") -> MinutesRecord.

Pure: text in, records out, no files. Sections are found in order: header (body, dates, place,
diarienummer), attendance table, agenda items; inside each item the presenters, the formal
decision blocks ("<body> beslutade" + att-clauses, "Beslut:"), then the narrative, sentence by
sentence, for decisions reported as taken elsewhere or earlier, commissions and money.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.kinds import GROUP_KIND_NAMES
from graph.text import clean_line, fold
from loaders.entities import (
    TITLE_WORD,
    Context,
    find_mentions,
    looks_like_person,
    parse_entity_phrase,
    split_names,
    title_subject,
)
from loaders.lexicon import is_first_name, lookup_org, region_for_county
from loaders.records import (
    Attendee,
    CommissionRecord,
    DecisionRecord,
    ItemRecord,
    Mention,
    MinutesRecord,
    Presenter,
    RelationRecord,
)
from loaders.relations import AMOUNT as _AMOUNT
from loaders.relations import reference as _reference
from loaders.relations import sentence_funding, sentence_relations
from loaders.textutil import BULLET, MONTHS, find_dates, parse_date, sentences

__all__ = ["parse_minutes"]

# "1. Mötets öppnande", "§ 3 Val av justerare", "§3. Ärende"
_MAIN_ITEM = re.compile(r"^(?:§\s*(\d{1,3})[.:]?|(?:(?:Punkt|Ärende|Pkt\.?)\s+)?(\d{1,2})[.:]|(?:Punkt|Ärende)\s+(\d{1,2}))\s+(\S.*)$")
# "a) Information: …"; "4 a) …", "4a. …"
_SUB_ITEM = re.compile(r"^([a-h])\)\s+(\S.*)$")
_NUMBERED_SUB = re.compile(r"^(\d{1,2})\s?([a-h])[).]\s+(\S.*)$")
# "Information/dialog: …", "Beslut: …", "Skriftlig information: …"
_ITEM_TYPE = re.compile(
    r"^((?:Skriftlig\s+)?(?:Information|Beslut|Dialog|Workshop|Diskussion|Rapport|Återrapport(?:ering)?|"
    r"Presentation|Beredning|Uppföljning)(?:\s*(?:/|och)\s*(?:[Ii]nformation|[Dd]ialog|[Bb]eslut|[Dd]iskussion))*)"
    r"\s*(?::|–|-)\s*(.*)$"
)
_PRESENTER = re.compile(r"^(?:Föredragande|Föredragare|Presentatör|Ansvarig|Presenteras av)(?:\s*:\s*|\s+(?=[A-ZÅÄÖ]))(.*)$",
                        re.IGNORECASE)
# "Pekka Exempelinen föredrog ärendet", "… redogjorde för": a presenter named in the narrative
_PRESENTS = re.compile(r"(?:^|(?<=[.!?]\s))([A-ZÅÄÖÉ][\w-]+(?:\s+[A-ZÅÄÖÉ][\w-]+){1,2})\s+(?:föredrog|föredrar|presenterade|"
                       r"redogjorde för|informerade om|gav en (?:lägesrapport|dragning|återrapport))\b")
_ATTACHMENT = re.compile(r"\b[Bb]ilaga\s+(\d+(?:\s?[A-Za-z](?:\s?[-+–]\s?[A-Za-z])?)?)")
_DATE_FIELD = re.compile(
    r"^(Datum|Mötesdatum|Sammanträdesdatum|Datum och tid|Tid och plats|Dag|Möte|Mötestid|Sammanträde|Datum för mötet|"
    r"Mötet hölls|När)\s*:\s*(.+)$",
    re.I,
)
# Labels that name the meeting's own date; a plain "Datum" may be the date the notes were written.
_MEETING_LABELS = {"mötesdatum", "sammanträdesdatum", "datum och tid", "tid och plats", "möte", "mötestid",
                   "sammanträde", "datum för mötet", "mötet hölls", "när"}  # fmt: skip
_CLOCK = re.compile(r"(?i)kl\.?\s*\d|\b\d{1,2}[.:]\d\d\s*[-–]")
_TIME_FIELD = re.compile(r"^(?:Tid|Klockslag)\s*:\s*(.+)$", re.I)
_PLACE_FIELD = re.compile(r"^(?:Plats|Lokal|Mötesplats)\s*:\s*(.+)$", re.I)
_DNR_FIELD = re.compile(r"^(?:Dnr|Diarienummer|Diarienr)\.?\s*:?\s*(.+)$", re.I)
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
_NAME_PAREN = re.compile(r"([A-ZÅÄÖÉ][\w-]+(?:\s+[A-ZÅÄÖÉ][\w-]+){1,3})\s*\(([^()]{2,60})\)")
_TITLE_LINE = re.compile(r"^(Minnesanteckningar|Mötesanteckningar|Anteckningar|Protokoll|Dagordning|Sammanträdesprotokoll)\b(.*)$", re.I)
_PREVIOUS = re.compile(r"Föregående\s+(?:minnesanteckningar|protokoll|mötesanteckningar|möte)\s*(.*)", re.I)
_ROLE = re.compile(r"\((ordf\.?|ordförande|v\.?\s?ordf\.?|vice ordf(?:örande)?\.?|tf\.?|ers\.?|ersättare|sekr\.?|sekreterare|adj\.?)\)", re.I)
# the verb, not the adjective ("beslutade RÖK:ar"): followed by att/om/a date/a meeting, or passive
_DECIDES = re.compile(r"\b(?:beslutades|beslut fattades|fattade beslut|(?:beslutade|beslöt|beslutar|har beslutat|beslutat)"
                      r"(?=\s*,?\s+(?:att|om|därför|den|vid|på|under|\d)\b))")
# "<body> beslutade", "<body> beslutade:", "<body> beslutade att …"
_DECISION_HEAD = re.compile(r"^(?P<subj>[^.]{0,140}?)\s*(?P<verb>beslutade|beslutar|beslöt)\b[:,]?\s*(?P<rest>.*)$")
# a sentence that is itself a decision: "Region Norrbotten får i uppdrag att …", "Saga Provlund utses …"
_DECISION_SENTENCE = re.compile(
    r"(?i)\b(får i uppdrag|ges i uppdrag|uppdrar åt|uppdras|beslutar|beslutade|utses|fastställs|fastställdes|godkänns|"
    r"godkändes|antas|antogs|noteras|noterades|läggs till handlingarna|lades till handlingarna|tillstyrks|avslås)\b"
)
_BESLUT_LINE = re.compile(
    r"^(?:Beslut|Beslutades|Förslag till beslut|Beslutsförslag|[A-ZÅÄÖ][\wåäö-]+s beslut(?=\s*:?\s*$))\s*:?\s*(?P<rest>.*)$"
)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
ROLE_NAMES = {"ordf": "ordförande", "ordförande": "ordförande", "v ordf": "vice ordförande", "vordf": "vice ordförande",
              "vice ordf": "vice ordförande", "vice ordförande": "vice ordförande", "tf": "tillförordnad",
              "ers": "ersättare", "ersättare": "ersättare", "sekr": "sekreterare", "sekreterare": "sekreterare",
              "adj": "adjungerad"}  # fmt: skip
ROLE_FOLDED = {fold(k): v for k, v in ROLE_NAMES.items()}
#: Row labels of attendance tables that are not organisations ("Tjänstepersoner"), folded.
ROW_LABELS = {fold(label) for label in ("tjänstepersoner", "tjänstemän", "politiker", "ledamöter", "ersättare", "övriga",
                                        "gäster", "adjungerade", "sekreterare", "övriga närvarande", "frånvarande")}  # fmt: skip
GENERIC_SUBJECTS = {"mötet", "nätverket", "rådet", "gruppen", "sammanträdet", "nätverksträffen"}


@dataclass
class _Item:
    number: str
    start: int  # index into lines
    title: str
    explicit: bool


def parse_minutes(lines: list[str]) -> MinutesRecord:
    clean = [clean_line(line) for line in lines]
    record = MinutesRecord()
    items = _find_items(clean)
    first_item = items[0].start if items else len(clean)
    _parse_header(clean, first_item, record)
    ctx = Context(body=record.body.name if record.body else None, body_kind=record.body.kind if record.body else None)
    for group in record.aliases:
        for alias in group[1:]:
            ctx.aliases[alias] = group[0]
    record.attendees = _parse_attendance(clean, first_item, record)
    if record.body is None:
        record.body = _body_from_decisions(clean, ctx)
        if record.body:
            ctx.body, ctx.body_kind = record.body.name, record.body.kind
    for person in record.attendees:
        ctx.people[fold(person.name)] = person.name
    for n, item in enumerate(items):
        end = items[n + 1].start if n + 1 < len(items) else len(clean)
        record.items.append(_parse_item(clean, item, end, ctx, record))
    if record.date is None:
        record.warnings.append((None, "no meeting date in the text: the meeting keeps date null"))
    if record.body is None:
        record.warnings.append((None, "no body found: which group held this meeting is unknown"))
    return record


# --- items ------------------------------------------------------------------------------------
def _find_items(clean: list[str]) -> list[_Item]:
    items: list[_Item] = []
    last_main: int | None = None
    last_letter = ""
    for i, line in enumerate(clean):
        m = _MAIN_ITEM.match(line)
        if m:
            number = int(m[1] or m[2] or m[3])
            title = m[4]
            plausible = (last_main is None and (m[1] or number <= 3)) or (last_main is not None and 0 < number - last_main <= 2)
            if plausible and title[:1].isupper() and not title.endswith((",",)) and len(title) < 200:
                items.append(_Item(str(number), i, title, True))
                last_main, last_letter = number, ""
                continue
        m = _NUMBERED_SUB.match(line)
        if m and last_main is not None and int(m[1]) == last_main:
            items.append(_Item(f"{m[1]}{m[2]}", i, m[3], True))
            last_letter = m[2]
            continue
        m = _SUB_ITEM.match(line)
        if m and last_main is not None and m[1] == (chr(ord(last_letter) + 1) if last_letter else "a"):
            follows = " ".join(clean[i + 1 : i + 6])
            if _ITEM_TYPE.match(m[2]) or re.search(r"Föredragande\s*:", follows):
                items.append(_Item(f"{last_main}{m[1]}", i, m[2], False))
                last_letter = m[1]
    return items


def _parse_item(clean: list[str], item: _Item, end: int, ctx: Context, record: MinutesRecord) -> ItemRecord:
    title_lines = [item.title]
    i = item.start + 1
    while i < end and clean[i] and not _PRESENTER.match(clean[i]) and _continues_title(title_lines[-1], clean[i]):
        title_lines.append(clean[i])
        i += 1
    title = " ".join(title_lines)
    item_type = None
    m = _ITEM_TYPE.match(title)
    if m:
        item_type, title = m[1], m[2]
    else:  # "4. Rapporter …" followed by a line "Information: <subject>"
        j = i
        while j < end and not clean[j]:
            j += 1
        if j < end and (m := _ITEM_TYPE.match(clean[j])) and j - i <= 3:
            sub = [m[2]]
            k = j + 1
            while k < end and clean[k] and not _PRESENTER.match(clean[k]) and _continues_title(sub[-1], clean[k]):
                sub.append(clean[k])
                k += 1
            item_type, title = m[1], f"{title} – {' '.join(sub)}"
            i = k
    attachments = [a.replace(" ", "") for a in _ATTACHMENT.findall(title)]
    title_clean = re.sub(r"\s*\((?:[Bb]ilaga|[Bb]ilagor)[^)]*\)", "", title).strip()
    rec = ItemRecord(number=item.number, title=title_clean, type=item_type, attachments=attachments,
                     line=item.start + 1, end_line=end, quote=clean[item.start])
    if (m := _PREVIOUS.search(title_clean)) and item.number in ("2", "3", "4", "5"):
        record.previous_minutes = parse_date(m[1]) or record.previous_minutes
    ctx.last.pop("Agreement", None)
    ctx.last.pop("ProgramArea", None)
    rec.mentions.extend(find_mentions(title_clean, item.start + 1, ctx))
    subject = title_subject(title_clean, item.start + 1, ctx)
    if subject and not any(fold(subject.name) == fold(x.name) for x in rec.mentions):
        rec.mentions.append(subject)
        ctx.remember(subject)
    body_lines: list[tuple[int, str]] = []
    consumed: set[int] = set()
    while i < end:
        line = clean[i]
        pm = _PRESENTER.match(line)
        if pm:
            text, last = _presenter_block(clean, i, end, pm[1])
            rec.presenters.extend(_parse_presenters(text, i + 1, clean[i]))
            consumed.update(range(i, last + 1))
            i = last + 1
            continue
        i += 1
    if not rec.presenters:
        for k in range(item.start + 1, end):
            for pm in _PRESENTS.finditer(clean[k]):
                if looks_like_person(pm[1]) and not any(fold(p.name) == fold(pm[1]) for p in rec.presenters):
                    rec.presenters.append(Presenter(name=pm[1], line=k + 1, quote=clean[k]))
    for p in rec.presenters:
        ctx.people.setdefault(fold(p.name), p.name)
    j = item.start + len(title_lines)
    while j < end:
        if j in consumed:
            j += 1
            continue
        block = _decision_block(clean, j, end, ctx)
        if block:
            subject_mention, clauses, last, relations = block
            rec.relations.extend(relations)
            for line_no, clause in clauses:
                rec.decisions.append(DecisionRecord(text=clause, status="taken", body=subject_mention,
                                                    date=record.date, line=line_no + 1, quote=clean[line_no]))
                _clause_commissions(clause, line_no + 1, subject_mention, len(rec.decisions) - 1, ctx, rec, record.date)
                rec.mentions.extend(find_mentions(clause, line_no + 1, ctx))
                rec.relations.extend(sentence_relations(clause, line_no + 1, ctx))
                if _AMOUNT.search(clause):
                    rec.funding.extend(sentence_funding(clause, line_no + 1, ctx,
                                                        default_funder=subject_mention or _body_mention(ctx, line_no + 1, clause)))
            consumed.update(range(j, last + 1))
            j = last + 1
            continue
        j += 1
    for k in range(item.start + len(title_lines), end):
        if k not in consumed:
            body_lines.append((k + 1, clean[k]))
    rec.mentions.extend(_listed_agreements(clean, item.start, end))
    _narrative(body_lines, ctx, rec, record)
    _attach_funding_recipients(rec)
    return rec


def _listed_agreements(clean: list[str], start: int, end: int) -> list[Mention]:
    """ "… överenskommelserna inom områdena:" followed by bullets: each bullet names an agreement."""
    out: list[Mention] = []
    text = " ".join(clean[start:end])
    prefix = "RÖK" if re.search(r"\b(RÖK|LÖK)\b", text) else "Överenskommelse om"
    k = start
    while k < end:
        lead = " ".join([*[x for x in clean[max(start, k - 6):k] if x][-2:], clean[k]])
        if clean[k].rstrip().endswith(":") and re.search(r"(?i)överenskommelse\w*\b[^.]*:\s*$", lead):
            j = k + 1
            while j < end and (not clean[j] or BULLET.match(clean[j])):
                item = BULLET.sub("", clean[j]).strip(" .,;")
                if item and len(item.split()) <= 6 and item[:1].isupper():
                    name = f"{prefix} {item if prefix == 'RÖK' else item[0].lower() + item[1:]}"
                    out.append(Mention(name=name, kind="Agreement", line=j + 1, quote=clean[j], aliases=[item]))
                j += 1
            k = j
        k += 1
    return out


def _continues_title(previous: str, line: str) -> bool:
    if _MAIN_ITEM.match(line) or _SUB_ITEM.match(line) or _DECISION_HEAD.match(line):
        return False
    if line.startswith("(") or line[:1].islower():
        return True
    return bool(re.search(r"\b(och|om|för|vid|av|till|inom|mellan|i|med|kring|samt|–|-)$", previous))


def _presenter_block(clean: list[str], i: int, end: int, first: str) -> tuple[str, int]:
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
        short_tail = len(line) < 70 and not line.endswith(".") and not _DECIDES.search(line)
        if (line[:1].islower() and len(line) < 90) or (name_led and looks_like_person(name_led[1]) and not line.endswith(".") \
                and not _DECIDES.search(line)) or (
            short_tail and not parts[-1].endswith(".") and len(line.split()) <= 6
        ):
            if _MAIN_ITEM.match(line) or _SUB_ITEM.match(line) or _DECISION_HEAD.match(line):
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


def _parse_presenters(text: str, line: int, quote: str) -> list[Presenter]:
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


# --- decisions ------------------------------------------------------------------------------------
def _decision_block(clean: list[str], j: int, end: int, ctx: Context):
    """A formal decision block starting at line j: (body, [(line, clause)], last line, relations)."""
    line = clean[j]
    m = _DECISION_HEAD.match(line)
    relations: list[RelationRecord] = []
    free = False
    if m:
        subj = m["subj"].strip()
        rest = m["rest"].strip()
        if re.match(r"(?i)^vid\b", subj) or find_dates(subj) or find_dates(re.split(r"\batt\b", rest, maxsplit=1)[0]):
            return None  # "Vid … beslutade …" or "beslutade den 20 mars 2026": reported, handled in the narrative
        if re.match(r"(?i)^(därför|vid|tidigare|under)\b", rest):
            return None
        if subj and subj[0].islower() and not subj.lower().startswith(tuple(GENERIC_SUBJECTS)):
            return None
        if rest and not rest.lower().startswith("att") and not rest.startswith(":"):
            return None
        body = _subject_body(subj, j + 1, ctx, clean[j], relations)
        if body is None:
            return None
    else:
        m = _BESLUT_LINE.match(line)
        if not m or line.startswith("Beslutsunderlag"):
            return None
        rest = m["rest"].strip()
        if rest and not rest.lower().startswith("att") and (dm := _DECISION_HEAD.match(rest)):
            rest = dm["rest"].strip()
        body = _body_mention(ctx, j + 1, line)
        if body is None:
            return None
        free = True  # "Beslut: Noteras.", "Beslut" over "Dagordningen fastställs."
    clauses: list[list] = []
    if rest and rest.lower().startswith("att"):
        for piece in re.split(r"(?<=\.)\s+(?=att\s)", rest):
            clauses.append([j, piece])
    elif rest and not m.groupdict().get("subj"):
        clauses.append([j, rest])
    last = j
    k = j + 1
    blanks = 0
    while k < end:
        bulleted = bool(BULLET.match(clean[k]))
        text = BULLET.sub("", clean[k]) if re.match(r"(?i)^\W*att\s", clean[k]) else clean[k]
        if not text:
            blanks += 1
            if blanks > 3:
                break
            k += 1
            continue
        if _MAIN_ITEM.match(text) or _SUB_ITEM.match(text) or _NUMBERED_SUB.match(text) or _PRESENTER.match(text):
            break
        if _DECISION_HEAD.match(text) and not text.lower().startswith("att"):
            break
        if re.match(r"(?i)^att\s", text):
            clauses.append([k, text])
        elif clauses and blanks == 0 and text[:1].isupper() and re.search(r"[.!]$", clauses[-1][1]) \
                and _DECISION_SENTENCE.search(text) and not _DECISION_HEAD.match(text):
            clauses.append([k, text])  # "… enligt förslaget. Region Norrbotten får i uppdrag att …"
        elif free and blanks == 0 and not _BESLUT_LINE.match(text) and (not clauses or re.search(r"[.!]$", clauses[-1][1])):
            # under a bare "Beslut" heading: one decision per sentence, until a blank line
            clauses.extend([k, piece] for piece in re.split(r"(?<=[.!])\s+(?=[A-ZÅÄÖ])", text) if piece)
        elif (clauses and ((bulleted and not re.search(r"[.!?]$", clauses[-1][1])) or text[:1].islower() or (
                not re.search(r"[.!?:]$", clauses[-1][1]) and len(clauses[-1][1]) > 55 and blanks == 0))) or (clauses and text[:1].isupper() and not re.search(r"[.!?]$", clauses[-1][1]) and blanks <= 1 and len(text) < 60 \
                and re.search(r"\b(och|för|av|om|till|i|på|med|inom|att)$", clauses[-1][1])):
            clauses[-1][1] += " " + text
        else:
            break
        last = k
        blanks = 0
        k += 1
    if not clauses:
        return None
    out = [(ln, " ".join(text.split()).rstrip(".").strip()) for ln, text in clauses]
    return body, out, last, relations


def _subject_body(subj: str, line: int, ctx: Context, quote: str, relations: list) -> Mention | None:
    """The body before "beslutade"; typos of the meeting's own body count as it."""
    role = re.search(r"\s+i rollen som styrgrupp för\s+(.+)$", subj)
    if role:
        subj = subj[: role.start()]
    mentions = [m for m in find_mentions(subj, line, ctx) if m.kind not in ("Person", "Initiative", "Agreement")]
    if not subj or fold(subj) in GENERIC_SUBJECTS:
        body = _body_mention(ctx, line, quote)
    elif mentions:
        body = mentions[0]
    elif ctx.body and _refers_to_body(subj, ctx):
        body = _body_mention(ctx, line, quote)
    elif ctx.body and any(_similar(subj, name) for name in _body_names(ctx)):
        body = Mention(name=subj, kind=ctx.body_kind or "Network", line=line, quote=quote, aliases=[ctx.body])
    else:
        return None
    if role and body:
        targets = find_mentions(role[1], line, ctx) or [Mention(name=role[1].strip(), kind="Initiative", line=line, quote=quote)]
        relations.append(RelationRecord(type="STEERS", source=body, target=targets[0], line=line, quote=quote))
    return body


_KIND_WORDS = {"styrgrupp": "SteeringGroup", "processgrupp": "ProcessGroup", "arbetsgrupp": "WorkingGroup",
               "rad": "Council", "natverk": "Network", "lpo": "ProgramArea", "programomrad": "ProgramArea"}


def _body_names(ctx: Context) -> list[str]:
    """The meeting body's name, its declared aliases and its head word ("Länsnätverket")."""
    names = [ctx.body] + [a for a, target in ctx.aliases.items() if target == ctx.body]
    head = ctx.body.split()[0]
    return names + ([head] if len(head) >= 6 else [])


def _refers_to_body(subj: str, ctx: Context) -> bool:
    """"Styrgruppen", "Processgruppen", "VO-rådet": the meeting's own body by a short name."""
    if any(fold(subj) == fold(a) for a in _body_names(ctx)):
        return True
    words = fold(subj).split()
    if len(words) != 1:
        return False
    stem = re.sub(r"(en|et)$", "", words[0])
    head = re.sub(r"(en|et)$", "", fold(ctx.body).split()[0])
    return stem == head or _KIND_WORDS.get(stem) == ctx.body_kind


def _similar(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    return fuzz.ratio(fold(a).replace(" ", ""), fold(b).replace(" ", "")) >= 80


def _body_mention(ctx: Context, line: int, quote: str) -> Mention | None:
    if not ctx.body:
        return None
    return Mention(name=ctx.body, kind=ctx.body_kind or "Network", line=line, quote=quote)


def _body_from_decisions(clean: list[str], ctx: Context) -> Mention | None:
    counts: dict[str, tuple[int, Mention]] = {}
    for n, line in enumerate(clean):
        m = _DECISION_HEAD.match(line)
        if not m or re.match(r"(?i)^vid\b", m["subj"]):
            continue
        for mention in find_mentions(m["subj"], n + 1, ctx):
            if mention.kind in GROUP_KIND_NAMES:
                key = fold(mention.name)
                counts[key] = (counts.get(key, (0, mention))[0] + 1, counts.get(key, (0, mention))[1])
                break
    if not counts:
        return None
    return max(counts.values(), key=lambda t: t[0])[1]


# --- the narrative: reported decisions, commissions, money ------------------------------------------
_GIVES = re.compile(r"\b(?:gav|ger|ge|gett|givit|gavs)\s+(?P<who>.+?)\s+(?:ett\s+|i\s+)?(?:\w+)?uppdrag(?:et)?\b\s*(?:att\s+|om\s+)?(?P<task>.*)")
_RECEIVES = re.compile(r"\b(?:får|fick|har fått|fått|ges|erhållit)\s+(?:i\s+)?uppdrag(?:et)?\s*(?:att\s+)?(?P<task>.*)")
_COMMISSIONS_TO = re.compile(r"\buppdra(?:r|de|s)?\s+(?:åt\s+)?(?P<who>.+?)\s+att\s*,?\s*(?P<task>.*)")
_TASK_TO = re.compile(r"\b(?:uppdrag|uppdraget)\s+åt\s+(?P<who>.+?)\s+att\s*,?\s*(?P<task>.*)")
_ASSIGNED = re.compile(r"\btilldela[rt]?\s+uppdraget\s+att\s+(?P<task>.+?)\s+till\s+(?P<who>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){1,2}"
                       r"(?:(?:,\s*|\s+och\s+)[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){1,2})*)")
_DOES = re.compile(r"^att\s+(?P<who>.+?)\s+(?:därefter\s+)?(?P<verb>tar fram|bereder|ser över|återkommer med|utreder|sammanställer|"
                   r"får jobba vidare med|får arbeta vidare med|genomför|samordnar|ansvarar för)\s+(?P<task>.*)")
_TOGETHER = re.compile(r"tillsammans med\s+(?P<who>[A-ZÅÄÖ][\w-]+\s+[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+)?)")
_MEETING_REF = re.compile(r"(?i)\b(?:vid|på|under)\s+(?:\S+\s+){0,5}?(?:möte|mötet|sammanträde|sammanträdet|planeringsdag|planeringsdagen|träff)\b")


def _clause_commissions(clause: str, line: int, body: Mention | None, decision_index: int | None, ctx: Context,
                        rec: ItemRecord, date: str | None) -> None:
    """Commissions inside a decision: "att uppdra styrgruppen … att …", "att RSS uppdrar åt X att …"."""
    found = _commissions_in(clause, line, body, ctx, rec)
    m = _DOES.match(clause)
    if not found and m:
        who = parse_entity_phrase(m["who"], line, ctx)
        if who:
            found.append((body, who, f"{m['verb']} {m['task']}"))
    for mandator, mandatees, task in found:
        rec.commissions.append(CommissionRecord(mandator=mandator, mandatees=mandatees, task=_short(task), date=date,
                                                decision_index=decision_index, line=line, quote=clause))


def _commissions_in(text: str, line: int, default: Mention | None, ctx: Context, rec: ItemRecord):
    out = []
    m = _ASSIGNED.search(text)
    if m:
        subject = re.sub(r"\s+(?:har|hade)\s*$", "", text[: m.start()]).strip()
        before = [x for x in find_mentions(subject, line, ctx) if x.kind != "Person"]
        own = ctx.body and subject and _refers_to_body(subject.split()[-1], ctx)
        who = parse_entity_phrase(m["who"], line, ctx)
        if who:
            out.append((_body_mention(ctx, line, text) if own else (before[-1] if before else default), who, m["task"]))
        return out
    m = _TASK_TO.search(text)
    if m:
        who = parse_entity_phrase(m["who"], line, ctx)
        together = _TOGETHER.search(m["task"])
        if together:
            who += parse_entity_phrase(together["who"], line, ctx)
        task = _TOGETHER.sub("", m["task"]).strip(" ,")
        if who:
            before = [x for x in find_mentions(text[: m.start()], line, ctx) if x.kind not in ("Person", "Initiative")]
            out.append((before[0] if before else default, who, task))
        return out
    m = _GIVES.search(text)
    if m:
        before_text = re.sub(_MEETING_REF, " ", text[: m.start()])
        before = [x for x in find_mentions(before_text, line, ctx) if x.kind not in ("Initiative", "Agreement")]
        who_mentions = parse_entity_phrase(m["who"], line, ctx)
        if before:
            mandator, mandatees = before[0], who_mentions
        elif len(who_mentions) >= 2 and who_mentions[0].kind != "Person":
            mandator, mandatees = who_mentions[0], who_mentions[1:]  # "gav Länschefsnätverket RSS Dalarna i uppdrag"
        else:
            mandator, mandatees = default, who_mentions
        if mandatees:
            out.append((mandator, mandatees, m["task"]))
        return out
    m = _COMMISSIONS_TO.search(text)
    if m and not re.search(r"(?i)uppdragsbeskrivning|uppdragsdirektiv", text[max(0, m.start() - 3) : m.end("who")]):
        before = [x for x in find_mentions(text[: m.start()], line, ctx) if x.kind not in ("Initiative", "Agreement")]
        who = parse_entity_phrase(m["who"], line, ctx)
        if who:
            out.append((before[-1] if before and not text[: m.start()].strip().lower().endswith("att") else default, who, m["task"]))
        return out
    m = _RECEIVES.search(text)
    if m:
        before = find_mentions(text[: m.start()], line, ctx)
        people = parse_entity_phrase(text[: m.start()].strip(), line, ctx) if not before else []
        if people and all(p.kind == "Person" for p in people):
            out.append((default, people, m["task"]))  # "Nora Testlund och Linus Exempelgren får i uppdrag att …"
        elif before:
            mandatee = before[-1]
            earlier = [x for x in before[:-1] if x.kind in ("Network", "Council", "SteeringGroup")]
            mandator = earlier[-1] if earlier else default
            if mandator is None or fold(mandator.name) != fold(mandatee.name):
                out.append((mandator, [mandatee], m["task"]))
    return out


def _narrative(body_lines: list[tuple[int, str]], ctx: Context, rec: ItemRecord, record: MinutesRecord) -> None:
    meeting_year = int(record.date[:4]) if record.date else None
    context_body: Mention | None = None
    context_date: str | None = None
    known_dates: list[str] = []
    previous_targets: list[Mention] = []
    for sentence in sentences(body_lines):
        text = sentence.text
        mentions = find_mentions(text, sentence.line, ctx)
        rec.mentions.extend(mentions)
        dates = [d.iso for d in find_dates(text, default_year=meeting_year)]
        known_dates.extend(dates)
        if dates and _PAST.search(text) and not _FUTURE.search(text):
            record.past_dates.append(dates[0])  # the event; later dates may be deadlines or validity
        month_ref = re.search(r"(?i)\bi\s+(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\b", text)
        if not dates and month_ref:
            month = MONTHS[month_ref[1].lower()]
            same_month = [d for d in known_dates if int(d[5:7]) == month]
            if same_month:
                dates = [same_month[-1]]
        if dates and dates[0] != record.date:
            context_date = dates[0]
            context_body = _reference_body(text, mentions, ctx)
        elif re.match(r"(?i)^(vid dagens|vid mötet|vid sammanträdet)\b", text) and not dates:
            context_date, context_body = None, None
        decides = _DECIDES.search(text)
        gives = re.search(r"\bi uppdrag\b|\buppdrag åt\b|tilldelat uppdraget", text)
        date = dates[0] if dates else (context_date if re.search(r"\b(då|därefter|sedan)\b", text) or not gives else None)
        if dates and dates[0] == record.date:
            date = None
        body = _reference_body(text, mentions, ctx) if (dates or decides) else None
        if date and record.date and date > record.date:
            date = None  # a coming meeting, not a decision taken earlier
        elsewhere = date or (body and ctx.body and fold(body.name) != fold(ctx.body))
        if not dates and _taken_in_narrative(text, sentence.line, ctx):
            rec.decisions.append(DecisionRecord(text=_short(text, 400), status="taken", date=record.date,
                                                line=sentence.line, quote=text))
        elif (decides or (gives and date)) and elsewhere:
            rec.decisions.append(DecisionRecord(text=_short(text, 400), status="reported",
                                                body=body or context_body or _body_mention(ctx, sentence.line, text),
                                                date=date or context_date, line=sentence.line, quote=text))
        if gives or _RECEIVES.search(text) or re.search(r"\buppdra(r|de)?\s", text):
            default = body or (context_body if context_date else None) or _body_mention(ctx, sentence.line, text)
            for mandator, mandatees, task in _commissions_in(text, sentence.line, default, ctx, rec):
                commission_date = date or (context_date if mandator is context_body else None)
                own = mandator is not None and ctx.body and fold(mandator.name) == fold(ctx.body)
                if own and not dates and not re.search(r"\b(då|därefter|sedan|samma möte)\b", text):
                    commission_date = record.date  # the meeting's own body, no other date: given at this meeting
                rec.commissions.append(CommissionRecord(mandator=mandator, mandatees=mandatees, task=_short(task),
                                                        date=commission_date, line=sentence.line, quote=text))
        if re.search(r"\bbeställare\b|som styrgrupp för", text):
            steering = [x for x in mentions if x.kind == "SteeringGroup"]
            target = next((x for x in rec.mentions if x.kind in ("ProcessGroup", "WorkingGroup", "ProgramArea")), None)
            if steering and target:
                rec.relations.append(RelationRecord(type="STEERS", source=steering[0], target=target,
                                                    line=sentence.line, quote=text))
        rec.relations.extend(sentence_relations(text, sentence.line, ctx, previous_targets))
        previous_targets = [r.target for r in rec.relations if r.line == sentence.line] or previous_targets
        if _AMOUNT.search(text):
            agreement = next((x for x in mentions if x.kind == "Agreement"), None) or next(
                (x for x in rec.mentions if x.kind == "Agreement"), None)
            funding = sentence_funding(text, sentence.line, ctx, default_funder=agreement)
            if not funding:
                continue
            years = _YEAR.findall(rec.title)
            for f in funding:
                f.year = f.year or (int(years[-1]) if years else None)
            rec.funding.extend(funding)

# a sentence that tells of something done: its dates lie before the meeting
_PAST = re.compile(r"\b(var|hölls|genomfördes|skedde|har varit|gick ut|avslutades|beslutades|beslutade|gav|antogs|inkom|"
                   r"fastställdes|godkändes|lämnades|presenterades)\b")
_FUTURE = re.compile(r"\b(kommer|ska|skall|planeras|planerar|senast|inför|nästa)\b")
# "Styrgruppen uppdrar åt Emma Provander att …": the meeting's own body deciding, in the present tense
_PRESENT_DECISION = re.compile(r"^(?P<subj>[A-ZÅÄÖ][^.,]{0,60}?)\s+(?:uppdrar åt|ger\s.{1,80}?\si uppdrag|beslutar|"
                               r"godkänner|fastställer|antar|ställer sig bakom|tillstyrker)\b")
# "Dagordningen godkändes.", "Anteckningarna lades till handlingarna."
_PASSIVE_DECISION = re.compile(r"(?i)^(?:dagordningen|föregående (?:minnesanteckningar|protokoll|anteckningar)|anteckningarna|"
                               r"minnesanteckningarna|protokollet|informationen|rapporten)\b[^.]{0,60}?\s(?:godkändes|fastställdes|"
                               r"antogs|lades till handlingarna|noterades|godkänns|fastställs|läggs till handlingarna|noteras)\b")


def _taken_in_narrative(text: str, line: int, ctx: Context) -> bool:
    if _PASSIVE_DECISION.match(text):
        return True
    m = _PRESENT_DECISION.match(text)
    if not m or not ctx.body:
        return False
    subj = m["subj"]
    if _refers_to_body(subj, ctx) or fold(subj) in GENERIC_SUBJECTS:
        return True
    found = [x for x in find_mentions(subj, line, Context(body=ctx.body, body_kind=ctx.body_kind, aliases=ctx.aliases))
             if x.kind not in ("Person",)]
    return bool(found) and fold(found[0].name) == fold(ctx.body)


# "Vid Beredningsgruppens möte den 9 januari", "på processgruppens möte 2025-03-11"
_MEETING_OWNER = re.compile(r"(?i)\b(?:vid|på|under|från)\s+(?:det\s+|senaste\s+)?([\wåäöÅÄÖ-]{4,}?)s\s+(?:\S+\s+)?"
                            r"(?:möte|sammanträde|planeringsdag|träff|arbetsmöte|workshop)\b")


def _reference_body(text: str, mentions: list[Mention], ctx: Context) -> Mention | None:
    """The body a sentence reports about: "Vid styrgruppens planeringsdag …", "Styrgruppen för X beslutade …"."""
    bodies = [m for m in mentions if m.kind in GROUP_KIND_NAMES]
    line = mentions[0].line if mentions else 0
    owner = _MEETING_OWNER.search(text)
    if owner:
        word = owner[1]
        if fold(word) == "styrgruppen" and ctx.body_kind == "SteeringGroup":
            return _body_mention(ctx, line, text)
        if fold(word) != "styrgruppen":
            named = [m for m in find_mentions(word, line, Context(aliases=ctx.aliases)) if m.kind in GROUP_KIND_NAMES]
            if named:
                return named[0].model_copy(update={"quote": text})
            ref = _reference(word, ctx, line, text)
            if ref is not None:
                return ref
    if re.search(r"(?i)\bstyrgruppens\b", text) and not any(m.kind == "SteeringGroup" for m in bodies) and ctx.body_kind == "Network":
        return Mention(name=f"Styrgruppen för {ctx.body}", kind="SteeringGroup", line=mentions[0].line if mentions else 0,
                       quote=text, parent=ctx.body)
    return bodies[0] if bodies else None


def _attach_funding_recipients(rec: ItemRecord) -> None:
    recipients = [c.mandatees[0] for c in rec.commissions if re.search(r"rekvirera|förvalta|ta emot", c.task) and c.mandatees]
    for funding in rec.funding:
        if funding.recipient is None and recipients:
            funding.recipient = recipients[0]


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).strip(" ,.")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --- header ------------------------------------------------------------------------------------
def _parse_header(clean: list[str], first_item: int, record: MinutesRecord) -> None:
    ctx = Context()
    dates: list[tuple[int, str]] = []
    stop = first_item
    for n in range(first_item):
        if _ATTENDANCE_START.match(clean[n]):
            stop = n
            break
    labelled: set[int] = set()
    for n in range(stop):
        line = clean[n]
        if m := _DATE_FIELD.match(line):
            if d := parse_date(m[2]):
                dates.append((n, d))
                if m[1].lower() in _MEETING_LABELS:
                    labelled.add(n)
        elif m := _TIME_FIELD.match(line):
            record.time = record.time or m[1].strip()
            if d := parse_date(m[1]):
                dates.append((n, d))
        elif m := _PLACE_FIELD.match(line):
            record.place = record.place or m[1].strip()
        elif m := _DNR_FIELD.match(line):
            record.diarienummer = record.diarienummer or m[1].strip()
        elif m := _TITLE_LINE.match(line):
            found = [x for x in find_mentions(m[2], n + 1, ctx) if x.kind not in ("Person", "Organisation", "Initiative", "Agreement")]
            if found and record.body is None:
                record.body = found[0]
    if not dates:
        # a date in the header's prose: "sammanträde … torsdagen den 23 januari 2025, kl 09:00"
        for n in range(stop):
            if clean[n] and not _PREVIOUS.search(clean[n]) and (d := parse_date(clean[n])):
                dates.append((n, d))
                break
    if dates:
        def next_line(n: int) -> str:
            return next((x for x in clean[n + 1 : n + 4] if x.strip()), "")

        meeting = next(((n, d) for n, d in dates if n in labelled), None) or next(
            ((n, d) for n, d in dates if _CLOCK.search(clean[n]) or _TIME_FIELD.match(next_line(n))
             or _PLACE_FIELD.match(next_line(n))), dates[-1])
        record.date, record.date_line = meeting[1], meeting[0] + 1
        others = [d for n, d in dates if n != meeting[0] and d != meeting[1]]
        record.notes_date = others[0] if others else None
    header_text = [(n, clean[n]) for n in range(stop) if clean[n]]
    names: list[Mention] = []
    acronyms: list[str] = []
    for n, line in header_text:
        if _DATE_FIELD.match(line) or _TIME_FIELD.match(line) or _PLACE_FIELD.match(line) or _DNR_FIELD.match(line):
            continue
        groups = [x for x in find_mentions(line, n + 1, ctx) if x.kind in GROUP_KIND_NAMES]
        names.extend(groups)
        acronyms.extend(re.findall(r"\(\s*(?:[^()]*,\s*)?([A-ZÅÄÖ]{3,8}|[A-ZÅÄÖ]{2,6}-[a-zåäö]{3,12})\s*\)", line))
    if record.body is None and names:
        record.body = names[0]
    if record.body:
        same = [x.name for x in names if x.kind == record.body.kind and fold(x.name) != fold(record.body.name)]
        group = [record.body.name, *dict.fromkeys(same), *dict.fromkeys(acronyms)]
        if len(group) > 1:
            record.aliases.append(group)
            record.body.aliases = group[1:]


# --- attendance --------------------------------------------------------------------------------
def _parse_attendance(clean: list[str], first_item: int, record: MinutesRecord) -> list[Attendee]:
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
            if looks_like_person(name) or (len(name.split()) >= 2 and all(t[:1].isupper() for t in name.split())
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
            org = lookup_org(text)
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
