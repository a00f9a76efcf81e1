"""The narrative of an agenda item, sentence by sentence.

What the prose of an item tells: decisions taken at this meeting but written as prose ("Det
beslutades gemensamt att …", "Mötet enades om att …", "Dagordningen godkändes."), decisions taken
elsewhere or earlier ("Vid styrgruppens möte den 11 december beslutades …", "Tidigare styrelsen
bestämde att …"), commissions, standing structure and money.
"""

from __future__ import annotations

import re

from graph.kinds import GROUP_KIND_NAMES
from graph.text import fold
from loaders.entities import Context, find_mentions
from loaders.reading.commissions import _RECEIVES, _REFERS, commissions_in, obligations, short
from loaders.reading.cues import BODY_NOUNS
from loaders.reading.dates import MONTHS, find_dates
from loaders.reading.decisions import body_mention, refers_to_body
from loaders.reading.header import body_kind_of_noun
from loaders.reading.layout import BULLET_MARK
from loaders.reading.sentences import sentences
from loaders.records import (
    CommissionRecord,
    DecisionRecord,
    ItemRecord,
    Mention,
    MinutesRecord,
    RelationRecord,
)
from loaders.relations import AMOUNT as _AMOUNT
from loaders.relations import reference as _reference
from loaders.relations import sentence_funding, sentence_relations

__all__ = ["attach_funding_recipients", "listed_agreements", "read_narrative"]

# the verb, not the adjective ("beslutade RÖK:ar"): followed by att/om/a date/a meeting, or passive
_DECIDES = re.compile(r"\b(?:beslutades|beslut fattades|fattade beslut|(?:fattat|tagit)\s+beslut(?=\s+om\s+att\b)|(?:beslutade|beslöt|beslutar|har beslutat|beslutat)"
                      r"(?=\s*,?\s+(?:att|om|därför|den|vid|på|under|\d)\b))")
# a decision told in prose; the clause after the verb is the decision's text
_TAKEN_PHRASE = re.compile(
    r"(?i)(?:\b(?:beslutades|beslutade|beslutar|beslöt|bestämdes|bestämde|bestämmer|beslöts|beslutas)\b"
    r"(?:\s+(?:gemensamt|enhälligt|därför|också|även|vidare|slutligen|mötet|gruppen|vi|man|rådet|nämnden|styrelsen|"
    r"styrgruppen|nätverket|utskottet|direktionen))*\s+(?:(?:om\s+)?att\s+|(?=följande\b))"
    r"|\benades\b(?:\s+(?:mötet|gruppen|vi|man|styrelsen|nätverket|deltagarna|alla|rådet))?\s+om(?:\s+att)?\s+"
    r"|\b(?:kom|kommer)\b(?:\s+(?:mötet|gruppen|vi|man|deltagarna|alla))?\s+överens\s+om(?:\s+att)?\s+"
    r"|\bvar\s+(?:alla\s+|samtliga\s+)?(?:eniga|överens)\s+om(?:\s+att)?\s+"
    r"|\bmynnade\b(?:\s+\w+){0,2}\s+ut\s+i\s+att\s+"
    r"|\blandade\b(?:\s+\w+){0,2}\s+i\s+att\s+"
    r"|^Beslut\s+att\s+)(?P<clause>(?!det\s+(?:är|var|finns|fanns)\b)\S.*)"
    # "Bordslägger till nästa möte.", "Ärendet bordläggs.": the sentence is the decision
    r"|^(?P<clause2>(?:[A-ZÅÄÖ][\wåäö-]*\s+){0,2}(?:[Bb]ordslägger|[Bb]ordläggs|[Bb]ordlades|[Bb]ordlägga)\b.*)"
)
_FUTURE_DECISION = re.compile(r"(?i)\b(ska|skall|kommer att|behöver|bör|föreslås|förslag)\s*$|\bom\s+\w+\s*$")
# "Tidigare styrelsen bestämde …", "förra styrelsen beslutade …": decided before this meeting
_EARLIER = re.compile(r"(?i)\b(tidigare|förra|föregående)\b")
# "Man har tagit beslut i opsam": a decision taken in another forum
_TAKEN_IN = re.compile(r"(?i)\b(?:har|hade)\s+(?:tagit|fattat)\s+(?:ett\s+)?beslut\s+(?:i|inom)\s+(?P<forum>[\wåäöÅÄÖ-]+)")


# "att godkänna föregående protokoll.", "Att lägga föregående protokoll till handlingarna." standing alone;
# not "Att arbeta förebyggande är viktigt" (a finite verb makes it a statement)
_BARE_ATT = re.compile(r"^[Aa]tt\s+(?!det\b|de\b|vi\b|man\b)[a-zåäö]+\s+(?!.*\b(?:är|var|blir|kan|måste|behöver|bör)\b)\S")
_MONTH_REF = re.compile(r"(?i)\bi\s+(" + "|".join(m for m in MONTHS if len(m) > 3) + r")\b")
# the words some rule of this module needs; a sentence without them (and without a date) is only mentions
_INTEREST = re.compile(  # searched in the lower-cased sentence: (?i) made it the slowest pattern of the reader
    r"besl|bestäm|enade|överens|mynnade|landade|uppdr|uppgift|ingår|ingå\b|rapporter|redovis|styr|tillhör|"
    r"del av|hör till|underställ|placera|organiser|inrätta|bildas|etabler|\bkr\b|kronor|mkr|tkr|miljon|\bsek\b|"
    r"godkän|fastställ|\bant[ao]|utse|utsåg|väljs|valdes|bords?l|handlingar|bifall|bifölls|bevilj|tillstyrk|avsl|"
    r"överlämn|återremitt|beställare|^att\s|tidigare|förra|finansi|avsät|rekvir|samma möte|åt[oa]g|tar på sig|"
    r"lova|ansvar|\bger\b|\bgav\b|\bfick\b|\bfår\b|\bge\b|tilldela|noter|rådgivande|samordna|leder"
)
_SAME_MEETING = re.compile(r"(?i)\b(?:vid|på|under)\s+(?:samma|det|detta)\s+(?:möte|mötet|sammanträde|tillfälle)\b")


def dates_before(dates: list[str], meeting: str | None) -> bool:
    return bool(meeting) and any(d < meeting for d in dates)


def _earlier_body(text: str, mentions: list[Mention], ctx: Context, line: int) -> Mention | None:
    bodies = [m for m in mentions if m.kind in GROUP_KIND_NAMES]
    if bodies:
        return bodies[0]
    for word in re.findall(r"[\wåäöÅÄÖ]+", text):
        key = fold(word)
        if key in BODY_NOUNS:
            if ctx.body and refers_to_body(word, ctx):
                return body_mention(ctx, line, text)
            return Mention(name=BODY_NOUNS[key], kind=body_kind_of_noun(key), line=line, quote=text)
    return body_mention(ctx, line, text)


def _forum(word: str, line: int, quote: str, ctx: Context) -> Mention:
    found = [m for m in find_mentions(word, line, ctx) if m.kind in GROUP_KIND_NAMES or m.kind == "Organisation"]
    return found[0] if found else Mention(name=word, kind="WorkingGroup", line=line, quote=quote)


def read_narrative(body_lines: list[tuple[int, str]], ctx: Context, rec: ItemRecord, record: MinutesRecord) -> None:
    """Reported decisions, decisions told in prose, commissions, structure and money, sentence by sentence."""
    meeting_year = int(record.date[:4]) if record.date else None
    context_body: Mention | None = None
    context_date: str | None = None
    known_dates: list[str] = []
    previous_targets: list[Mention] = []
    for sentence in sentences(body_lines):
        text = sentence.text
        mentions = find_mentions(text, sentence.line, ctx)
        rec.mentions.extend(mentions)
        past = bool(_PAST.search(text)) and not _FUTURE.search(text)
        dates = [_before_meeting(d, record.date) if past else d.iso for d in find_dates(text, default_year=meeting_year)]
        known_dates.extend(dates)
        if dates and _PAST.search(text) and not _FUTURE.search(text):
            record.past_dates.append(dates[0])  # the event; later dates may be deadlines or validity
        if not dates and not _INTEREST.search(text.lower()):
            continue  # a sentence with no date and no word any rule below needs: nothing more to read
        month_ref = _MONTH_REF.search(text)
        if not dates and month_ref:
            month = MONTHS[month_ref[1].lower()]
            same_month = [d for d in known_dates if int(d[5:7]) == month]
            if same_month:
                dates = [same_month[-1]]
        if dates and dates[0] != record.date and not (record.date and dates[0] > record.date):
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
        if _SAME_MEETING.search(text) and context_date and not dates_before(dates, record.date):
            date, body = context_date, body or context_body  # "Vid samma möte beslutades …"
        elsewhere = date or (body and ctx.body and fold(body.name) != fold(ctx.body))
        phrase = _TAKEN_PHRASE.search(text)
        earlier = _EARLIER.search(text) and not _PASSIVE_DECISION.match(text)  # "Föregående protokoll godkändes"
        if _BARE_ATT.match(text) and (not elsewhere or (not dates and not body)):
            # a bare att-clause is this meeting's, whatever date the sentence before it told of
            rec.decisions.append(DecisionRecord(text=short(text, 400), status="taken", date=record.date,
                                                line=sentence.line, quote=text))
        elif phrase and not elsewhere and not earlier and not _FUTURE_DECISION.search(text[: phrase.start()]):
            rec.decisions.append(DecisionRecord(text=short(phrase["clause"] or phrase["clause2"], 400), status="taken",
                                                date=record.date,
                                                line=sentence.line, quote=text))
        elif not earlier and not elsewhere and (_PASSIVE_DECISION.match(text) or (not dates and
                                                _taken_in_narrative(text, sentence.line, ctx))):
            rec.decisions.append(DecisionRecord(text=short(text, 400), status="taken", date=record.date,
                                                line=sentence.line, quote=text))
        elif (phrase or decides) and earlier and not date:
            rec.decisions.append(DecisionRecord(text=short((phrase["clause"] or phrase["clause2"]) if phrase else text, 400),
                                                status="reported",
                                                body=_earlier_body(text, mentions, ctx, sentence.line),
                                                date=None, line=sentence.line, quote=text))
        elif (by := _PASSIVE_BY.search(text)) is not None and (date or elsewhere) and \
                (agent := _agent(by["agent"], mentions, ctx, sentence.line, text)) is not None:
            # "… och godkändes av processgruppen den 2 december": decided by that body, then
            rec.decisions.append(DecisionRecord(text=short(text[max(0, by.start() - 60) :].lstrip(" ,"), 400),
                                                status="reported", body=agent, date=date, line=sentence.line,
                                                quote=text))
        elif (m := _TAKEN_IN.search(text)) is not None:
            rec.decisions.append(DecisionRecord(text=short(text[m.start():], 400), status="reported",
                                                body=_forum(m["forum"], sentence.line, text, ctx), date=date,
                                                line=sentence.line, quote=text))
        elif (decides or (gives and date)) and elsewhere:
            rec.decisions.append(DecisionRecord(text=short(text, 400), status="reported",
                                                body=body or context_body or body_mention(ctx, sentence.line, text),
                                                date=date or context_date, line=sentence.line, quote=text))
        if (decides or phrase) and not gives:
            default = body or body_mention(ctx, sentence.line, text)
            for mandator, mandatees, task in obligations(text, sentence.line, default, ctx):
                rec.commissions.append(CommissionRecord(
                    mandator=mandator, mandatees=mandatees, task=short(task), line=sentence.line, quote=text,
                    date=date if elsewhere else record.date))
        if gives or _RECEIVES.search(text) or re.search(r"\buppdra(r|de)?\s", text) or _REFERS.match(text):
            default = body or (context_body if context_date else None) or body_mention(ctx, sentence.line, text)
            for mandator, mandatees, task in commissions_in(text, sentence.line, default, ctx, rec):
                commission_date = date or (context_date if mandator is context_body else None)
                own = mandator is not None and ctx.body and fold(mandator.name) == fold(ctx.body)
                if own and not dates and not re.search(r"\b(då|därefter|sedan|samma möte)\b", text):
                    commission_date = record.date  # the meeting's own body, no other date: given at this meeting
                rec.commissions.append(CommissionRecord(mandator=mandator, mandatees=mandatees, task=short(task),
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

# "Vid Beredningsgruppens möte den 9 januari", "på processgruppens möte 2025-03-11"
_MEETING_OWNER = re.compile(r"(?i)\b(?:vid|på|under|från)\s+(?:det\s+|senaste\s+)?([\wåäöÅÄÖ-]{4,}?)s\s+(?:\S+\s+)?"
                            r"(?:möte|sammanträde|planeringsdag|träff|arbetsmöte|workshop)\b")

_PASSIVE_BY = re.compile(r"\b(?:godkändes|fastställdes|antogs|beslutades|beslöts|bifölls|tillstyrktes)\s+av\s+"
                         r"(?P<agent>[\wåäöÅÄÖ-]+(?:\s+[\wåäöÅÄÖ-]+){0,5})")


# a sentence whose subject is a bare reference ("Nätverket gav …"), not a genitive ("Nätverkets styrgrupp …")
_SUBJECT_REFERENCE = re.compile(r"(?i)^\s*(?:nätverket|rådet|styrgruppen|processgruppen|gruppen|arbetsgruppen|"
                                r"beredningsgruppen)\b(?!s)")


def _agent(phrase: str, mentions: list[Mention], ctx: Context, line: int, quote: str) -> Mention | None:
    """The body after "av" in a passive decision: named, or a bare reference ("processgruppen")."""
    named = [m for m in find_mentions(phrase, line, ctx) if m.kind in GROUP_KIND_NAMES or m.kind == "Organisation"]
    return named[0] if named else _reference(phrase, ctx, line, quote)


def _before_meeting(found, meeting: str | None) -> str:
    """A date written without its year ("den 2 december") in minutes of January is last December's."""
    if not found.exact and meeting and found.iso > meeting and found.iso[:4] == meeting[:4]:
        return f"{int(found.iso[:4]) - 1}{found.iso[4:]}"
    return found.iso


def _reference_body(text: str, mentions: list[Mention], ctx: Context) -> Mention | None:
    """The body a sentence reports about: "Vid styrgruppens planeringsdag …", "Styrgruppen för X beslutade …",
    "Nätverket gav den 3 oktober …" (the subject, by a bare reference)."""
    bodies = [m for m in mentions if m.kind in GROUP_KIND_NAMES]
    line = mentions[0].line if mentions else 0
    subject = _reference(text, ctx, line, text) if _SUBJECT_REFERENCE.match(text) else None
    if subject is not None and not (bodies and text.startswith(bodies[0].name)):
        return subject
    owner = _MEETING_OWNER.search(text)
    if owner:
        word = owner[1]
        if fold(word) == "styrgruppen" and ctx.body_kind == "SteeringGroup":
            return body_mention(ctx, line, text)
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

def attach_funding_recipients(rec: ItemRecord) -> None:
    recipients = [c.mandatees[0] for c in rec.commissions if re.search(r"rekvirera|förvalta|ta emot", c.task) and c.mandatees]
    for funding in rec.funding:
        if funding.recipient is None and recipients:
            funding.recipient = recipients[0]

def listed_agreements(clean: list[str], start: int, end: int) -> list[Mention]:
    """ "… överenskommelserna inom områdena:" followed by bullets: each bullet names an agreement."""
    out: list[Mention] = []
    text = " ".join(clean[start:end])
    prefix = "RÖK" if re.search(r"\b(RÖK|LÖK)\b", text) else "Överenskommelse om"
    k = start
    while k < end:
        lead = " ".join([*[x for x in clean[max(start, k - 6):k] if x][-2:], clean[k]])
        if clean[k].rstrip().endswith(":") and re.search(r"(?i)överenskommelse\w*\b[^.]*:\s*$", lead):
            j = k + 1
            while j < end and (not clean[j] or BULLET_MARK.match(clean[j])):
                item = BULLET_MARK.sub("", clean[j]).strip(" .,;")
                if item and len(item.split()) <= 6 and item[:1].isupper():
                    name = f"{prefix} {item if prefix == 'RÖK' else item[0].lower() + item[1:]}"
                    out.append(Mention(name=name, kind="Agreement", line=j + 1, quote=clean[j], aliases=[item]))
                j += 1
            k = j
        k += 1
    return out

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


# "Styrgruppen uppdrar åt Emma Provander att …": the meeting's own body deciding, in the present tense
_PRESENT_DECISION = re.compile(r"^(?P<subj>[A-ZÅÄÖ][^.,]{0,60}?)\s+(?:uppdrar åt|ger\s.{1,80}?\si uppdrag|beslutar|"
                               r"godkänner|fastställer|antar|ställer sig bakom|tillstyrker)\b")

# "Dagordningen godkändes.", "Anteckningarna lades till handlingarna."
_PASSIVE_DECISION = re.compile(r"(?i)^(?:dagordningen|föregående (?:mötes\s+)?(?:minnesanteckningar|protokoll|anteckningar)|anteckningarna|"
                               r"minnesanteckningarna|protokollet|informationen|rapporten)\b[^.]{0,60}?\s(?:godkändes|fastställdes|"
                               r"antogs|lades till handlingarna|noterades|godkänns|fastställs|läggs till handlingarna|noteras)\b")

# a sentence whose main verb is a decision in the passive: "Till protokolljusterare … utses Karl-Erik Rosenlund.",
# "Dagordningen fastställs i enlighet med utskickat förslag.", "Informationshandlingarna godkänns och läggs till
# handlingarna."; not when something only proposes, plans or reports it
_PASSIVE_VERB = re.compile(
    r"(?<![\w-])(?:utses|utsågs|väljs|valdes|godkänns|godkändes|fastställs|fastställdes|antas|antogs|"
    r"läggs till handlingarna|lades till handlingarna|bordläggs|bordlades|beviljas|beviljades|"
    r"tillstyrks|tillstyrktes|avslås|avslogs|bifalls|bifölls|bifalles|överlämnas|återremitteras|återremitterades|"
    r"ajourneras)(?![\w-])"
)
_NOT_TAKEN = re.compile(r"(?i)\b(ska|skall|kommer att|kommer|bör|kan|föreslås|föreslår|föreslog|förslag|behöver|måste|"
                        r"planeras|avses|om|när|innan|efter att|så att|för att|tidigare|senare|nästa)\b")
_MEETING_SUBJECT = {"motet", "sammantradet", "natverket", "radet", "gruppen", "styrelsen", "namnden", "utskottet",
                    "direktionen", "arbetsutskottet", "arbetsgruppen", "styrgruppen", "processgruppen", "vi"}  # fmt: skip


def _passive_taken(text: str) -> bool:
    m = _PASSIVE_VERB.search(text)
    if m is None or len(text) > 400:
        return False
    before = text[: m.start()]
    role_first = re.match(r"(?i)^(?:till\s+)?att\s", before)  # "Till att justera protokollet valdes X"
    if re.match(r"(?i)^förslag(?:et)?\s+till\s+[\wåäö]+\s*$", before) and re.match(
            r"(?:godkänns|godkändes|fastställs|fastställdes|antas|antogs|bifalls|bifölls)$", m[0]):
        return True  # "Förslag till dagordning godkänns": the proposal was approved here
    if _NOT_TAKEN.search(before) or (not role_first and re.search(r"(?i)\b(som|att)\s+(?:\S+\s+){0,4}$", before)):
        return False  # "… föreslår att budgeten godkänns", "ett förslag som godkändes i maj"
    return not re.match(r"\s+av\s+[A-ZÅÄÖ]", text[m.end() :])  # "godkändes av kommunfullmäktige": elsewhere


def _taken_in_narrative(text: str, line: int, ctx: Context) -> bool:
    if _PASSIVE_DECISION.match(text) or _passive_taken(text):
        return True
    m = _PRESENT_DECISION.match(text)
    if not m:
        return False
    subj = m["subj"]
    if fold(subj) in _MEETING_SUBJECT:
        return True
    if not ctx.body:
        return False
    if refers_to_body(subj, ctx):
        return True
    found = [x for x in find_mentions(subj, line, Context(body=ctx.body, body_kind=ctx.body_kind, aliases=ctx.aliases))
             if x.kind not in ("Person",)]
    return bool(found) and fold(found[0].name) == fold(ctx.body)
