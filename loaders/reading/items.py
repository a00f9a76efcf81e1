"""One agenda item: its title and type, presenters, decision blocks, action points and prose.

The item's lines are walked once. Decision and proposal blocks (``decisions.read_block``) are read
where they start; an approval ("attsats 1 bifalles") takes the nearest proposal list before it; a
line under an action label ("Actionpunkt:", or any line of an "Att göra" section) is an action
point with an owner. What no block took is the item's prose (``narrative.read_narrative``).
"""

from __future__ import annotations

import re

from graph.text import fold
from loaders.entities import Context, find_mentions, looks_like_person, title_subject
from loaders.reading.commissions import action_owners, clause_commissions, person_task, short
from loaders.reading.cues import ACTION_HEADS, PROCEDURAL_TITLES
from loaders.reading.dates import parse_date
from loaders.reading.decisions import Clause, approved, body_mention, read_block
from loaders.reading.layout import Line
from loaders.reading.narrative import attach_funding_recipients, listed_agreements, read_narrative
from loaders.reading.presenters import PRESENTER, parse_presenters, presenter_block
from loaders.reading.structure import Section, title_continues
from loaders.records import (
    CommissionRecord,
    DecisionRecord,
    FundingRecord,
    ItemRecord,
    Mention,
    MinutesRecord,
    Presenter,
)
from loaders.relations import AMOUNT, amount_sek, sentence_funding, sentence_relations

__all__ = ["read_item"]

_ITEM_TYPE = re.compile(
    r"^((?:Skriftlig\s+)?(?:Information|Beslut|Dialog|Workshop|Diskussion|Rapport|Återrapport(?:ering)?|"
    r"Presentation|Beredning|Uppföljning|Beslutsärende|Informationsärende)"
    r"(?:\s*(?:/|och)\s*(?:[Ii]nformation|[Dd]ialog|[Bb]eslut|[Dd]iskussion))*)\s*(?::|–|-)\s*(.*)$"
)
_ATTACHMENT = re.compile(r"\b[Bb]ilaga\s+(\d+(?:\s?[A-Za-z](?:\s?[-+–]\s?[A-Za-z])?)?)")
_PREVIOUS = re.compile(r"(?i)Föregående\s+(?:minnesanteckningar|protokoll|mötesanteckningar|möte|mötes\s+protokoll)\s*(.*)")
_ATT = re.compile(r"(?i)^att\b")
# a presenter named in the prose by first name or full name: "Henrik presenterade det arbete han gjort"
_PRESENT_VERB = (r"(?:föredrog|föredrar|presenterade|presenterar|redogjorde|redogör|informerade|informerar|"
                 r"redovisade|redovisar|rapporterade|rapporterar|gick igenom|går igenom|berättade om|berättar om)\b")
_NAME = r"[A-ZÅÄÖÉ][\w-]+(?:\s+[A-ZÅÄÖÉ][\w-]+){0,2}"
_JOB = r"(?:[A-ZÅÄÖa-zåäö][\wåäö-]*(?:chef|direktör|ekonom|sekreterare|samordnare|strateg|ledare|ansvarig|konsult|" \
       r"controller|utvecklare|handläggare|utredare|konsulent|läkare|samordnaren)\s+)?"
# "Henrik presenterade …", "Enhetschef Solveig Haugen informerade om …", "Förvaltningschef Stig Lövgren och
# förvaltningsekonom Joanna Wójcik föredrar ärendet"
_PRESENTS_NAME = re.compile(rf"(?:^|(?<=[.!?:]\s)){_JOB}(?P<name>{_NAME})(?:\s+och\s+{_JOB}(?P<name2>{_NAME}))?"
                            rf"\s+{_PRESENT_VERB}")
# a capitalised title before the name starts a sentence even where a flattened page lost the full stop before
# it ("… lokalplaneringsprocessen Enhetschef Solveig Haugen informerade om …")
_TITLE_CAP = r"[A-ZÅÄÖ][\wåäö-]*(?:chef|direktör|ekonom|sekreterare|samordnare|strateg|ledare|controller|handläggare|" \
             r"sköterska|läkare|kurator|pedagog|psykolog)(?:en|n)?"
_PRESENTS_TITLED = re.compile(rf"(?<!\S){_TITLE_CAP}\s+(?P<name>{_NAME})(?:\s+och\s+{_JOB}(?P<name2>{_NAME}))?"
                              rf"\s+{_PRESENT_VERB}")
# "Förskolelärare Danuta Ekström, familjebehandlare Emma Lundin och språkstödjare Samir Haddou berättar om …"
_ANY_TITLE = r"[A-ZÅÄÖa-zåäö][\wåäö-]*(?:chef|direktör|ekonom|sekreterare|samordnare|strateg|ledare|lärare|behandlare|" \
             r"stödjare|handläggare|utvecklare|konsulent|controller|pedagog|kurator|psykolog|sköterska)"
_PRESENTS_LIST = re.compile(rf"(?<![\w-])(?P<list>(?:(?:{_ANY_TITLE}\s+)?{_NAME}\s*(?:,|\soch)\s+)+(?:{_ANY_TITLE}\s+)?{_NAME})"
                            rf"\s+{_PRESENT_VERB}")
# "Muntlig information av Malin Arnholdt, RKM": a presenter by name after the label
_PRESENTS_BY = re.compile(r"\b(?:Redovisning|[Ii]nformation|Föredragning|Dragning|Presentation)\s+(?:av|från)\s+"
                          r"(?P<name>[A-ZÅÄÖÉ][\w-]+\s+[A-ZÅÄÖÉ][\w-]+)")
# "Tomas åtog sig att … Han rapporterade att …": a pronoun presenting after a named person
_PRESENTS_PRONOUN = re.compile(rf"(?:^|(?<=[.!?]\s))(?:Han|Hon)\s+{_PRESENT_VERB}")
# "Regiondirektören informerar om …", "Redovisning av ekonomidirektör", "Muntlig information av Malin Arnholdt"
_PRESENTS_ROLE = re.compile(rf"(?<!\S)(?P<role>(?:[A-ZÅÄÖ][\wåäö]*-\s+och\s+[a-zåäö]+|[A-ZÅÄÖ][\wåäö-]*)"
                            rf"(?:direktören|chefen|samordnaren|"
                            rf"sekreteraren|ordföranden|strategen|ekonomen|ansvarige))\s+{_PRESENT_VERB}"
                            r"|\b(?:Redovisning|Information|Föredragning|Dragning)\s+(?:av|från)\s+(?P<role2>[a-zåäö][\wåäö-]+)")
# a title that names what it is about: "BIRK – återkoppling", "Cosmic Link - status", "En väg in (EVI)",
# "SPAK (…)", "MiniMaria"; a plain heading ("Ringklocka", "Överlämning") names no initiative
_NAMES_A_SUBJECT = re.compile(r"\s[–-]\s|\(\s*[A-ZÅÄÖ]{2,6}\s*\)|^[A-ZÅÄÖ]{2,6}\b|[a-zåäö][A-ZÅÄÖ][a-zåäö]")
_REQUEST = re.compile(r"(?i)\b(äsk\w*|ansök\w*|begär\w*|bidrag)\b")
_APPROVES_REQUEST = re.compile(r"(?i)\b(äsk\w*|ansökan|bidrag\w*)\b[^.]{0,40}\b(godkän\w*|bevilja\w*|bifall\w*)\b|"
                               r"\b(godkänna|bevilja|bifalla)\b[^.]{0,20}\b(äsk\w*|ansökan)")
# "Anna Andersson (S) yrkar bifall till arbetsutskottets förslag": a motion that seconds the proposal
# already on the table, not a new one
_SECONDS = re.compile(r"(?i)\b(?:yrka[rt]?|yrkade)\s+bifall\b|\binstämmer\b|\bbifall till\b")
_REQUESTER = re.compile(r"^(?P<who>[A-ZÅÄÖ][\w-]*(?:\s+[A-ZÅÄÖ][\w-]*)?)\s+(?:äskar|har äskat|ansöker|söker|begär|"
                        r"önskar|vill|in\b)")


#: The last document's lines as the older helpers read them, made once per document: read_item runs
#: once per item, and making them for every item was quadratic in the number of items.
_CLEAN: tuple[list[Line], list[str]] | None = None


def _clean_lines(lines: list[Line]) -> list[str]:
    """The lines as the older helpers read them: a bullet keeps its marker ("- Kontaktvägar")."""
    global _CLEAN
    cached = _CLEAN
    if cached is not None and cached[0] is lines and len(cached[1]) == len(lines):
        return cached[1]
    clean = [("- " if x.bullet else "") + x.text.replace("\t", " ") if x.text else "" for x in lines]
    _CLEAN = (lines, clean)
    return clean


def read_item(lines: list[Line], section: Section, ctx: Context, record: MinutesRecord) -> ItemRecord:
    clean = _clean_lines(lines)
    title, item_type, body_start = _title(clean, section)
    attachments = [a.replace(" ", "") for a in _ATTACHMENT.findall(title)]
    title = re.sub(r"\s*\((?:[Bb]ilaga|[Bb]ilagor)[^)]*\)", "", title).strip()
    end = section.end
    rec = ItemRecord(number=section.number, title=title, type=item_type, attachments=attachments,
                     line=section.start + 1, end_line=end, quote=clean[section.start] or title)
    if (m := _PREVIOUS.search(title)) and (not section.numbered or section.number in ("2", "3", "4", "5")):
        record.previous_minutes = parse_date(m[1]) or record.previous_minutes
    ctx.last.pop("Agreement", None)
    ctx.last.pop("ProgramArea", None)
    if section.kind == "item" and fold(title) not in PROCEDURAL_TITLES:
        rec.mentions.extend(find_mentions(title, section.start + 1, ctx))
        named = item_type is not None or _NAMES_A_SUBJECT.search(title)  # "Information: Yrkesresan äldre"
        subject = title_subject(title, section.start + 1, ctx) if named else None
        if subject and not any(fold(subject.name) == fold(x.name) for x in rec.mentions):
            rec.mentions.append(subject)
            ctx.remember(subject)
    consumed = _presenters(clean, body_start, end, rec, ctx)
    _walk(lines, clean, body_start, end, section, ctx, rec, record, consumed)
    body_lines = [(k + 1, clean[k]) for k in range(body_start, end) if k not in consumed and not lines[k].code]
    rec.mentions.extend(listed_agreements(clean, section.start, end))
    read_narrative(body_lines, ctx, rec, record)
    _granted_requests(rec, record, ctx, clean, body_start, end)
    attach_funding_recipients(rec)
    return rec


def _title(clean: list[str], section: Section) -> tuple[str, str | None, int]:
    title = section.title
    body = section.body
    m = _ITEM_TYPE.match(title)
    if m:
        return m[2], m[1], body
    if not section.numbered:
        return title, None, body
    # "4. Rapporter …" followed by a line "Information: <subject>"
    j = body
    while j < section.end and not clean[j]:
        j += 1
    if j < section.end and j - body <= 3 and (m := _ITEM_TYPE.match(clean[j])) and m[2][:1].isupper() \
            and not m[2].rstrip().endswith("."):
        sub, k = title_continues(clean, j, section.end, m[2])
        return f"{title} – {sub}", m[1], k
    return title, None, body


def _presenters(clean: list[str], start: int, end: int, rec: ItemRecord, ctx: Context) -> set[int]:
    consumed: set[int] = set()
    i = start
    while i < end:
        pm = PRESENTER.match(clean[i])
        if pm:
            text, last = presenter_block(clean, i, end, pm[1])
            rec.presenters.extend(parse_presenters(text, i + 1, clean[i]))
            consumed.update(range(i, last + 1))
            i = last + 1
            continue
        i += 1
    if not rec.presenters:
        for k in range(start, end):
            named = [*_PRESENTS_NAME.finditer(clean[k]), *_PRESENTS_TITLED.finditer(clean[k])]
            for lm in _before_verbs(_PRESENTS_LIST, clean[k]):
                for part in re.split(r"\s*,\s*|\s+och\s+", lm["list"]):
                    name = re.sub(rf"^{_ANY_TITLE}\s+", "", part.strip())
                    if looks_like_person(name) and not any(fold(p.name) == fold(name) for p in rec.presenters):
                        rec.presenters.append(Presenter(name=name, line=k + 1, quote=clean[k]))
            for pm in named:
                for name in filter(None, (pm["name"], pm["name2"])):
                    single = len(name.split()) == 1
                    if (looks_like_person(name) or (single and ctx.first_name_matches(name))
                            or (single and _first_name(name))) and not any(fold(p.name) == fold(name)
                                                                           for p in rec.presenters):
                        rec.presenters.append(Presenter(name=name, line=k + 1, quote=clean[k]))
            for rm in _PRESENTS_ROLE.finditer(clean[k]):
                role = rm["role"] or rm["role2"]
                holder = ctx.title_holder(role)
                if holder and not any(fold(p.name) == fold(holder) for p in rec.presenters):
                    rec.presenters.append(Presenter(name=holder, title=role, line=k + 1, quote=clean[k]))
            for bm in _PRESENTS_BY.finditer(clean[k]):
                if looks_like_person(bm["name"]) and not any(fold(p.name) == fold(bm["name"]) for p in rec.presenters):
                    rec.presenters.append(Presenter(name=bm["name"], line=k + 1, quote=clean[k]))
            if _PRESENTS_PRONOUN.search(clean[k]) and not rec.presenters:
                subject = _last_person_subject(clean, start, k, ctx)
                if subject:
                    rec.presenters.append(Presenter(name=subject, line=k + 1, quote=clean[k]))
    for p in rec.presenters:
        if len(p.name.split()) > 1:
            ctx.people.setdefault(fold(p.name), p.name)
    return consumed


_VERB = re.compile(_PRESENT_VERB)
_LIST_REACH = 300  # no list of presenters is longer; a bounded window keeps a long run of names linear


def _before_verbs(pattern: re.Pattern, text: str):
    """Matches of a pattern that ends in a presenting verb, each sought only in the stretch before its verb."""
    for v in _VERB.finditer(text):
        for m in pattern.finditer(text, max(0, v.start() - _LIST_REACH), v.end()):
            if m.end() == v.end():
                yield m
                break


_SUBJECT = re.compile(r"(?:^|(?<=[.!?]\s))(?P<who>[A-ZÅÄÖÉ][\w-]+(?:\s+[A-ZÅÄÖÉ][\w-]+)?)\s+(?:har\s+)?[a-zåäö]{2,}\b")


def _last_person_subject(clean: list[str], start: int, k: int, ctx: Context) -> str | None:
    """The last person who was a sentence's subject before line k of the item ("Tomas åtog sig …")."""
    text = " ".join(clean[start : k + 1])
    cut = _PRESENTS_PRONOUN.search(clean[k])
    text = text[: len(text) - len(clean[k]) + cut.start()] if cut else text
    for m in reversed(list(_SUBJECT.finditer(text))):
        who = m["who"]
        if looks_like_person(who):
            return who
        if len(who.split()) == 1 and (ctx.first_name_matches(who) or _first_name(who)):
            return who
    return None


def _first_name(word: str) -> bool:
    from loaders.lexicon import is_first_name

    return is_first_name(word)


def _walk(lines: list[Line], clean: list[str], start: int, end: int, section: Section, ctx: Context,
          rec: ItemRecord, record: MinutesRecord, consumed: set[int]) -> None:
    """Decision and proposal blocks, approvals and action points, in the order they stand."""
    proposals: list[Clause] = []  # the last proposal block's clauses
    listing: list[Clause] = []  # the current run of bullets or att-lines outside any block; when it is
    # nearer than the proposal block, an approval accepts it instead ("Attsatser: …" of a motion, then
    # "- Samuel besvarar motionen." and "Beslut - Attsats 1 bifalles")
    action = section.kind == "action"
    action_until = end if action else -1
    j = start
    while j < end:
        if j in consumed or lines[j].code:
            j += 1
            continue
        line = lines[j]
        text = line.text.replace("\t", " ")
        if not text:
            j += 1
            continue
        label = ACTION_HEADS.match(text)
        if label is not None and len(text) < 60 and not label.rest:
            action_until = _paragraph_end(lines, j + 1, end)  # "_Actionpunkt_:" + the paragraph under it
            consumed.add(j)
            j += 1
            continue
        block = read_block(lines, j, end, ctx)
        if block is not None:
            rec.relations.extend(block.relations)
            if block.kind == "proposal":
                if not (proposals and block.clauses and all(_SECONDS.search(c.text) for c in block.clauses)):
                    proposals = list(block.clauses) if block.clauses else []
                listing = []
                if block.clauses:
                    consumed.update(range(j, block.last + 1))
                    j = block.last + 1
                else:
                    consumed.add(j)
                    j += 1
                continue
            nearest = listing if listing and (not proposals or listing[0].index > proposals[-1].index) else proposals
            clauses = approved(block, nearest) if block.approval is not None else block.clauses
            for clause in clauses:
                _decision(clause, block.body, lines, ctx, rec, record)
                consumed.add(clause.index)
            proposals, listing = [], []
            consumed.update(range(j, block.last + 1))
            j = block.last + 1
            continue
        if j < action_until or action:
            if _action(text, j, ctx, rec, record, True):
                consumed.add(j)
        elif "@" in text or "(" in text or re.search(r"(?i)\bansvarig\s*:|åtog sig|tar på sig|åtar sig|lovat", text):
            _action(text, j, ctx, rec, record, False)
        if line.bullet or _ATT.match(text):
            listing.append(Clause(j, text))
        elif not (listing and text[:1].islower()):
            listing = []
        j += 1


def _paragraph_end(lines: list[Line], k: int, end: int) -> int:
    """Where the lines under an action label end: the next heading, or the item's end."""
    while k < end:
        if lines[k].heading:
            return k
        k += 1
    return end


def _decision(clause: Clause, body: Mention | None, lines: list[Line], ctx: Context, rec: ItemRecord,
              record: MinutesRecord) -> None:
    text = " ".join(clause.text.split()).rstrip(".,; ").strip()
    if not text:
        return
    line = clause.index + 1
    quote = lines[clause.index].text.replace("\t", " ")
    rec.decisions.append(DecisionRecord(text=text, status="taken", body=body, date=record.date, line=line, quote=quote))
    index = len(rec.decisions) - 1
    before = len(rec.commissions)
    clause_commissions(text, line, body, index, ctx, rec, record.date)
    if len(rec.commissions) == before and (task := person_task(text, line, ctx)) is not None:
        owners, what = task
        rec.commissions.append(CommissionRecord(mandator=body, mandatees=owners, task=short(what), date=record.date,
                                                decision_index=index, line=line, quote=quote))
    rec.mentions.extend(find_mentions(text, line, ctx))
    rec.relations.extend(sentence_relations(text, line, ctx))
    if AMOUNT.search(text):
        rec.funding.extend(sentence_funding(text, line, ctx, default_funder=body or body_mention(ctx, line, text)))


def _action(text: str, j: int, ctx: Context, rec: ItemRecord, record: MinutesRecord, context: bool) -> bool:
    found = action_owners(text, j + 1, ctx, context)
    for owners, task in found:
        rec.commissions.append(CommissionRecord(mandator=None, mandatees=owners, task=short(task), date=record.date,
                                                line=j + 1, quote=text))
    return bool(found)


def _granted_requests(rec: ItemRecord, record: MinutesRecord, ctx: Context, clean: list[str], start: int,
                      end: int) -> None:
    """ "Concats äskar 700 kr …" + "Äskan godkänns": the body funds the one who asked."""
    granted = [d for d in rec.decisions if d.status == "taken" and _APPROVES_REQUEST.search(d.text)]
    if not granted or rec.funding:
        return
    for decision in granted:
        amount = AMOUNT.search(decision.text)
        source_line = decision.line
        requester = None
        quote = decision.quote
        for k in range(start, end):
            m = _REQUESTER.match(clean[k])
            if m and (AMOUNT.search(clean[k]) or _REQUEST.search(clean[k])):
                requester = m["who"]
                quote = clean[k]
                source_line = k + 1
                amount = amount or AMOUNT.search(clean[k])
                break
        if amount is None or requester is None:
            continue
        value = amount_sek(amount[1], amount[2])
        if not value:
            continue
        found = [x for x in find_mentions(requester, source_line, ctx) if x.kind != "Person"]
        recipient = found[0] if found else Mention(name=requester, kind="Initiative", line=source_line, quote=quote)
        year = int(record.date[:4]) if record.date else None
        rec.funding.append(FundingRecord(amount_sek=value, year=year, funder=body_mention(ctx, decision.line, decision.text),
                                         recipient=recipient, line=source_line, quote=quote))
