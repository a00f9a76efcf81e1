"""Mandates, read in stages: an uppdragsbeskrivning, uppdragsdirektiv, kommittédirektiv,
regeringsuppdrag, arbetsordning, reglemente, or a page describing a working group -> MandateRecord.

    Uppdragsbeskrivning Regional processgrupp samsjuklighet      the subject group from the title
    Beställare: Länschefsnätverket genom dess styrgrupp           roles -> COMMISSIONS, STEERS, REPORTS_TO
    Regeringen ger länsstyrelserna i uppdrag att …               commissions in prose; a government genre
    Uppdraget till Statens skolverk och Socialstyrelsen om att … names its implied mandator, Regeringen
    Länsstyrelsen i Hallands län får för uppdraget använda högst 1 000 000 kronor under 2020.
    Medlen utbetalas av Länsstyrelsen i Örebro län.              who pays, who receives
    Regeringen beslutade den 23 mars 2017 kommittédirektiv …     a decision the mandate reports

Deadlines ("senast den 30 oktober 2020") are dates of the mandate, never meetings.
"""

from __future__ import annotations

import re

from graph.kinds import GROUP_KIND_NAMES
from graph.text import fold
from loaders.entities import Context, find_mentions, parse_entity_phrase
from loaders.reading.commissions import commissions_in, short
from loaders.reading.cues import MANDATE_TITLES
from loaders.reading.dates import find_dates, parse_date
from loaders.reading.layout import layout
from loaders.reading.sentences import sentences
from loaders.records import (
    CommissionRecord,
    DecisionRecord,
    FundingRecord,
    MandateRecord,
    Mention,
    RelationRecord,
)
from loaders.relations import AMOUNT, amount_sek, pending_relation, sentence_funding, sentence_relations

__all__ = ["read_mandate"]

_ROLE = re.compile(r"^(Beställare|Uppdragsgivare|Uppdragsägare|Uppdragstagare|Styrgrupp|Uppdragsledare|Mottagare|"
                   r"Projektledare|Sammankallande|Referensgrupp)\b\s*:?\s*(.*)$")
_HEADING = re.compile(r"^(?:\d{1,2}\.\s*)?([A-ZÅÄÖ][\wåäö ,-]{2,60})\s*$")
_SETS_UP = re.compile(r"(?i)\b(etablera|inrätta|bilda|tillsätta|starta)\b")
_DECIDED = re.compile(r"(?i)^(?:beslutad|beslutsdatum|fastställd|antagen|beslut)\s*(?:den|:)?\s*(.+)$")
_VALID_TO = re.compile(r"(?i)^(?:gäller till|giltig till|giltighetstid|gäller t\.?o\.?m\.?|uppdraget gäller till)\s*:?\s*(.+)$")
#: genres a government issues: their mandator is Regeringen even where the text does not say so
_GOVERNMENT = {"tillaggsdirektiv", "kommittedirektiv", "regeringsuppdrag", "andring av uppdraget", "uppdrag", "direktiv"}
# "Arbetsgrupp för Ena, utforskande Samverkansplattform Öppen Programvara - SPÖP": a group named by its title
_GROUP_TITLE = re.compile(r"^(?P<noun>Arbetsgrupp|Arbetsgruppen|Referensgrupp|Styrgrupp|Styrgruppen|Processgrupp|"
                          r"Nätverk|Nätverket|Samverkansgrupp|Projektgrupp|Expertgrupp)\b(?P<rest>.*)$")
_NOUN_KIND = {"styrgrupp": "SteeringGroup", "processgrupp": "ProcessGroup", "natverk": "Network"}
# "Uppdraget till Statens skolverk och Socialstyrelsen om att …"
_TASK_TO = re.compile(r"^Uppdraget\s+till\s+(?P<who>.+?)\s+(?:om\s+att|att)\s+(?P<task>.+)$")
# "En särskild utredare fick i och med detta i uppdrag att …"
_GOT_TASK = re.compile(r"\b(?:fick|har fått|får)\s+(?:\S+\s+){0,4}?i\s+uppdrag\s+att\s+(?P<task>.+)$")
# "X får för uppdraget använda högst 1 000 000 kronor under 2020"
_MAY_USE = re.compile(r"^(?P<who>.+?)\s+får\s+(?:för\s+uppdraget\s+|för\s+ändamålet\s+)?(?:använda|disponera|rekvirera)\s")
_PAID_BY = re.compile(r"(?i)\bmedl(?:en|et)\s+(?:utbetalas|betalas\s+ut|rekvireras)\s+(?:\S+\s+){0,3}?(?:av|från)\s+(?P<who>.+)$")
_INSIDE = re.compile(r"\binom\s+(?P<name>[A-ZÅÄÖ][\wåäö-]+(?:\s+[A-ZÅÄÖ][\wåäö-]+){0,2})")


def read_mandate(raw_lines: list[str], laid: list | None = None) -> MandateRecord:
    lines = laid if laid is not None else layout(raw_lines)
    # the lines as the older helpers read them: a bullet keeps its marker ("• Processgrupp demens")
    clean = [("• " if x.bullet else "") + x.text.replace("\t", " ") if x.text else "" for x in lines]
    record = MandateRecord()
    ctx = Context()
    numbered = [(x.pos, clean[k]) for k, x in enumerate(lines)]
    genre = _title(lines, clean, record, ctx)
    issuer = Mention(name="Regeringen", kind="Organisation", line=record.subject.line if record.subject else 1,
                     quote=record.title or "") if genre in _GOVERNMENT else None
    all_mentions: list[Mention] = []
    for sentence in sentences(numbered):
        found = find_mentions(sentence.text, sentence.line, ctx)
        all_mentions.extend(found)
        if record.subject is None and _SETS_UP.search(sentence.text):
            groups = [x for x in found if x.kind in ("ProcessGroup", "WorkingGroup", "ProgramArea")]
            if groups:
                record.subject = groups[0]
    if record.subject is None:
        counts: dict[str, list[Mention]] = {}
        for x in all_mentions:
            if x.kind in ("ProcessGroup", "WorkingGroup", "ProgramArea"):
                counts.setdefault(fold(x.name), []).append(x)
        if counts:
            record.subject = max(counts.values(), key=len)[0]
    record.mentions = all_mentions
    ctx.subject = record.subject
    if record.subject is None and issuer is None:
        record.warnings.append((None, "ingen grupp som uppdraget gäller hittades: uppdraget sparas som dokument"))
    _sections(clean, record)
    _roles(clean, record, ctx)
    _subgroups(clean, record, ctx)
    _financing(clean, record, ctx)
    _prose(numbered, record, ctx, issuer)
    if any(x.n != k + 1 for k, x in enumerate(lines)):
        _renumber(record, lines)
    return record


def _title(lines, clean: list[str], record: MandateRecord, ctx: Context) -> str:
    """The title line: what genre the mandate is, and the group it is about."""
    for k, line in enumerate(clean[:8]):
        if not line:
            continue
        m = MANDATE_TITLES.match(line)
        if m is not None and not m.rest:  # "ARBETSORDNING" / "för Socialchefsnätverket i Norrvalla län"
            nxt = next((x for x in clean[k + 1 : k + 3] if x), "")
            if nxt[:1].islower() or re.match(r"(?i)^(för|till|om)\b", nxt):
                line = f"{line} {nxt}"
                m = MANDATE_TITLES.match(line)
        record.title = line
        rest = m.rest if m else line
        found = [x for x in find_mentions(rest, k + 1, ctx) if x.kind in GROUP_KIND_NAMES]
        if found:
            record.subject = found[0]
        elif g := _GROUP_TITLE.match(line):
            name, aliases = line, []
            acronym = re.search(r"\s[-–]\s*([A-ZÅÄÖ]{2,8})\s*$|\(([A-ZÅÄÖ]{2,8})\)\s*$", line)
            if acronym:
                aliases.append(acronym[1] or acronym[2])
            kind = _NOUN_KIND.get(fold(g["noun"]).rstrip("et").rstrip("en"), "WorkingGroup")
            record.subject = Mention(name=name, kind=kind, line=k + 1, quote=line, aliases=aliases, declared=True)
        elif m and m.value >= 3 and fold(m.label).startswith(("kommittedirektiv", "tillaggsdirektiv")):
            committee = re.search(r"(?i)\btill\s+(?P<name>(?:Kommittén|Utredningen|Delegationen)\b[^.]*?)\s*$", rest)
            if committee:
                record.subject = Mention(name=committee["name"].strip(), kind="WorkingGroup", line=k + 1, quote=line)
        return fold(m.label) if m else ""
    return ""


def _prose(numbered, record: MandateRecord, ctx: Context, issuer: Mention | None) -> None:
    """Commissions, money and standing structure in the mandate's own sentences."""
    funders: list[Mention] = []
    may_use: list[tuple[Mention, int, str, int | None, int]] = []
    for sentence in sentences(numbered):
        text, line = sentence.text, sentence.line
        found = commissions_in(text, line, issuer, ctx, None)
        if not found and (m := _TASK_TO.match(text)) and issuer is not None:
            who = [x for x in parse_entity_phrase(m["who"], line, ctx) if x.kind != "Person"]
            if who:
                found = [(issuer, who, m["task"])]
        if not found and (m := _GOT_TASK.search(text)) and issuer is not None and record.subject is not None:
            found = [(issuer, [record.subject], m["task"])]  # "En särskild utredare fick … i uppdrag att …"
        dates = [d.iso for d in find_dates(text)]
        for mandator, mandatees, task in found:
            date = record.decided or (dates[0] if dates and re.search(r"\bbeslutade\b", text) else None)
            record.commissions.append(CommissionRecord(mandator=mandator, mandatees=mandatees, task=short(task),
                                                       date=date, line=line, quote=text))
        if (m := _PAID_BY.search(text)) is not None:
            funders.extend(x for x in find_mentions(m["who"], line, ctx) if x.kind in ("Organisation", "Agreement"))
        if (m := _MAY_USE.match(text)) is not None and (amount := AMOUNT.search(text)):
            who = [x for x in find_mentions(m["who"], line, ctx) if x.kind in GROUP_KIND_NAMES or x.kind == "Organisation"]
            value = amount_sek(amount[1], amount[2])
            years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)
            if who and value:
                may_use.append((who[-1], value, text, int(years[-1]) if years else None, line))
        for inside in _INSIDE.finditer(text):
            subject = record.subject
            if subject is None or not re.search(r"(?i)(grupp|nätverk)\w*\s+(?:\S+\s+){0,8}$", text[: inside.start()]):
                continue
            parent = find_mentions(inside["name"], line, ctx) or [
                Mention(name=inside["name"], kind="Initiative", line=line, quote=text)]
            record.relations.append(RelationRecord(type="PART_OF", source=subject, target=parent[0], line=line,
                                                   quote=text))
    for recipient, value, quote, year, line in may_use:
        funder = funders[0] if funders else issuer
        if funder is not None:
            record.funding.append(FundingRecord(amount_sek=value, year=year, funder=funder, recipient=recipient,
                                                line=line, quote=quote))


def _renumber(record: MandateRecord, lines) -> None:
    from loaders.reading.minutes import renumber

    renumber(record, lines)


def _sections(clean: list[str], record: MandateRecord) -> None:
    section = None
    buf: dict[str, list[str]] = {}
    for line in clean:
        if m := _DECIDED.match(line):
            record.decided = record.decided or parse_date(m[1])
        if m := _VALID_TO.match(line):
            record.valid_to = record.valid_to or parse_date(m[1])
        h = _HEADING.match(line)
        if h and len(line) < 60 and not line.endswith("."):
            key = fold(h[1]).split()[0] if fold(h[1]) else ""
            section = key
            continue
        if section and line:
            buf.setdefault(section, []).append(line)
    purpose = buf.get("syfte")
    if purpose:
        record.purpose = " ".join(purpose)[:1000]
    goals = buf.get("mal")
    if goals:
        record.goals = [g.lstrip("•-– ").strip() for g in " ".join(goals).split("•") if g.strip()][:20]
    for key in ("sammansattning", "deltagare", "organisation"):
        if key in buf:
            record.composition = " ".join(buf[key])[:600]
    for text in (" ".join(v) for v in buf.values()):
        if m := re.search(r"(består av [^.]+\.)", text):
            record.composition = record.composition or m[1]


def _roles(clean: list[str], record: MandateRecord, ctx: Context) -> None:
    current = None
    role_lines: dict[str, int] = {}
    for n, line in enumerate(clean, start=1):
        m = _ROLE.match(line)
        if m and (m[2] or current is None):
            current = (m[1], n, [m[2]])
            role_lines.setdefault(m[1], n)
            record.roles[m[1]] = m[2]
            continue
        if current and line and not _HEADING.match(line):
            role, _start, parts = current
            parts.append(line)
            record.roles[role] = " ".join(p for p in parts if p)
        elif current and line:
            current = None
    # relations come from the complete role texts, once every continuation line is read
    for role, text in record.roles.items():
        _role_relations(record, ctx, role, role_lines.get(role, 0), text)


def _role_relations(record, ctx, role: str, line: int, text: str) -> None:
    if record.subject is None:
        return
    line = line or record.subject.line
    ctx.body = None
    mentions = [x for x in find_mentions(text, line, ctx) if x.kind != "Initiative"]
    genom = re.search(r"(\S+)\s+genom\s+(?:dess\s+|sin\s+)?styrgrupp", text)
    if genom:
        parents = [x for x in mentions if x.kind in ("Network", "Council")]
        if parents:
            steering = Mention(name=f"Styrgruppen för {parents[0].name}", kind="SteeringGroup", line=line, quote=text,
                               parent=parents[0].name)
            # "Socialchefsnätverket genom dess styrgrupp": the network commissions, its steering group acts
            mentions = [steering, parents[0]] if role in ("Beställare", "Uppdragsgivare", "Uppdragsägare") else [steering]
    subject = record.subject
    quote = f"{role} {text}"[:300]
    if role in ("Beställare", "Uppdragsgivare", "Uppdragsägare") and mentions:
        mandators = mentions[:2] if genom else mentions[:1]
        for mandator in mandators:
            record.commissions.append(CommissionRecord(mandator=mandator, mandatees=[subject], task=_task(record),
                                                       date=record.decided, line=line, quote=quote))
    elif role == "Styrgrupp" and mentions:
        steering = next((x for x in mentions if x.kind == "SteeringGroup"), mentions[0])
        record.relations.append(RelationRecord(type="STEERS", source=steering, target=subject, line=line, quote=quote))
        record.relations.append(RelationRecord(type="REPORTS_TO", source=subject, target=steering, line=line, quote=quote))
    elif role == "Mottagare":
        for target in mentions:
            if target.kind in GROUP_KIND_NAMES:
                record.relations.append(RelationRecord(type="REPORTS_TO", source=subject, target=target, line=line, quote=quote))


def _task(record: MandateRecord) -> str:
    m = re.search(r"(?i)uppdrag att ([^.]+)", record.purpose or "")
    if m:
        return m[1][:200]
    return (record.purpose or "uppdragsbeskrivning")[:200]


def _subgroups(clean: list[str], record: MandateRecord, ctx: Context) -> None:
    """"Utöver den regionala processgruppen finns tre processgrupper …" followed by bullets."""
    if record.subject is None:
        return
    for n, line in enumerate(clean):
        if not re.search(r"(?i)\b(processgrupper|arbetsgrupper|undergrupper|delgrupper)\b", line):
            continue
        k = n + 1
        subs: list[Mention] = []
        while k < len(clean) and k - n < 12:
            text = clean[k]
            if text.startswith(("•", "-", "–")):
                found = [x for x in find_mentions(text.lstrip("•-– "), k + 1, ctx) if x.kind in GROUP_KIND_NAMES]
                subs.extend(found[:1])
            elif text and subs:
                break
            k += 1
        tail = " ".join(clean[k : k + 4])
        commissioned = re.search(r"(?i)uppdrag[^.]*?(tilldelats|fördelas|ges) av", tail)
        for sub in subs:
            if fold(sub.name) == fold(record.subject.name):
                continue
            quote = clean[sub.line - 1]
            record.relations.append(RelationRecord(type="REPORTS_TO", source=sub, target=record.subject, line=sub.line, quote=quote))
            if commissioned:
                record.commissions.append(CommissionRecord(mandator=record.subject, mandatees=[sub], task="fördjupade uppdrag: " + tail[:150],
                                                           date=record.decided, line=sub.line, quote=quote + " … " + tail[:200]))


def _financing(clean: list[str], record: MandateRecord, ctx: Context) -> None:
    """Money and standing structure stated in the mandate's prose."""
    # in a network's own arbetsordning, "styrgruppen" is the network's steering group
    network = record.subject is not None and record.subject.kind == "Network"
    ctx.body, ctx.body_kind = (record.subject.name, "Network") if network else (None, None)
    previous: list[Mention] = []
    pending = None  # a relation whose targets are the bullets that follow
    pending_list = False
    in_list = False
    counts: dict[str, list[Mention]] = {}
    for x in record.mentions:
        if x.kind == "Agreement":
            counts.setdefault(fold(x.name), []).append(x)
    agreements_in_doc = [v[0] for v in sorted(counts.values(), key=len, reverse=True)]
    for sentence in sentences(list(enumerate(clean, start=1))):
        text = sentence.text
        if pending is not None and text.startswith(("•", "-", "–")):
            targets = [x for x in find_mentions(text.lstrip("•-– "), sentence.line, ctx) if x.kind in GROUP_KIND_NAMES]
            for target in targets[:1]:
                record.relations.append(RelationRecord(type=pending[0], source=pending[1], target=target,
                                                       line=sentence.line, quote=text))
            previous = (previous if pending_list else []) + targets[:1]
            pending_list = True
            continue
        if text.startswith(("•", "-", "–")):
            # a list of groups ("Under LAG Mobil närvård finns två arbetsgrupper:" + bullets): what a
            # following "Arbetsgrupperna ingår i …" refers to
            listed = [x for x in find_mentions(text.lstrip("•-– "), sentence.line, ctx) if x.kind in GROUP_KIND_NAMES]
            previous = (previous if in_list else []) + listed[:1]
            in_list = True
            continue
        in_list = False
        pending, pending_list = None, False
        found = sentence_relations(text, sentence.line, ctx, previous)
        record.relations.extend(found)
        previous = [r.target for r in found] or previous
        if not found:
            pending = pending_relation(text, sentence.line, ctx)
        _reported_decision(text, sentence.line, ctx, record, clean[sentence.line - 1 : sentence.end_line])
        if record.subject is None:
            continue
        if re.search(r"(?i)\bfinansier|\bbudget|\bmedel\b|\bmedlen\b|\bkr\b|kronor|\bavsätt", text):
            in_sentence = [x for x in find_mentions(text, sentence.line, ctx) if x.kind == "Agreement"]
            about_subject = re.search(r"(?i)\b(uppdraget|arbetet|gruppens?|processgruppens?|samordningen|insatsen)\b", text) \
                or fold(record.subject.name) in fold(text)
            funding = sentence_funding(text, sentence.line, ctx, default_recipient=record.subject if about_subject else None,
                                       default_funder=(in_sentence or agreements_in_doc or [None])[0])
            if not funding:
                agreements = [x for x in find_mentions(text, sentence.line, ctx) if x.kind in ("Agreement", "Organisation")]
                if agreements and re.search(r"(?i)\bfinansier", text):
                    funding = [FundingRecord(amount_sek=0, funder=agreements[0], recipient=record.subject,
                                             line=sentence.line, quote=text[:300])]
            record.funding.extend(f for f in funding if f.funder is not None)


_REPORTED = re.compile(r"\b(?:beslutade|beslutades|beslöt|antogs|fastställdes|fattade beslut)\b")


def _reported_decision(text: str, line: int, ctx: Context, record: MandateRecord, span: list[str]) -> None:
    """ "Styrgruppen för X beslutade den 8 april 2025 att inrätta …": a decision the mandate tells of."""
    verb = _REPORTED.search(text)
    if not verb:
        return
    dates = find_dates(text)
    if not dates:
        return
    bodies = [x for x in find_mentions(text[: verb.start()], line, ctx) if x.kind in GROUP_KIND_NAMES or x.kind == "Organisation"]
    if not bodies:
        return
    # sentences joined across heading lines: start the text at the clause that names the body
    starts = [m.start() for m in re.finditer(r"(?<![\w-])[A-ZÅÄÖ]", text[: verb.start()])]
    start = next((i for i in reversed(starts) if any(
        x.kind in GROUP_KIND_NAMES or x.kind == "Organisation" for x in find_mentions(text[i : verb.start()], line, Context()))), 0)
    clause = text[start:]
    head = " ".join(clause.split()[:3])
    line += next((k for k, raw in enumerate(span) if head and head in " ".join(raw.split())), 0)  # the clause's own line
    record.decisions.append(DecisionRecord(text=clause[:400], status="reported", body=bodies[-1], date=dates[0].iso,
                                           line=line, quote=clause))
