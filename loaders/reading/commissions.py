"""Who is given a task, by whom: commissions in decisions, in prose and in action points.

    att uppdra styrgruppen för LCHNV att …              a decision that commissions
    Styrgruppen gav RSS Dalarna i uppdrag att …         prose, any tense
    Region Norrbotten får i uppdrag att …               the mandatee first
    Beredningsgruppen har tilldelat uppdraget att … till Saga Provlund
    - Boka fokusmöte (Josef)                           an action point with its owner in brackets
    - Facebook-event @Agnes                            an owner by @-name
    Ansvarig: Lisa Ek                                  an owner field
    Tomas åtog sig att …, X tar på sig att …           a person taking a task on
    - Ida Vranvuk ska boka ett överlämningsmöte         an approved clause whose subject is a person
"""

from __future__ import annotations

import re

from graph.text import fold
from loaders.entities import Context, find_mentions, looks_like_person, parse_entity_phrase
from loaders.lexicon import is_first_name, lookup_org
from loaders.reading.decisions import body_mention, refers_to_body
from loaders.records import CommissionRecord, ItemRecord, Mention

__all__ = ["action_owners", "clause_commissions", "commissions_in", "obligations", "person_task", "short"]


def short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split()).strip(" ,.")
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


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

# "Motionerna överlämnas till kommunstyrelsen för beredning", "Ärendet remitteras till socialnämnden för yttrande":
# a referral, the body that sends the matter commissions the one that receives it
_REFERS = re.compile(r"^(?P<what>(?:[A-ZÅÄÖa-zåäö][\wåäö-]*\s+){0,4}?)(?:överlämnas|överlämnades|remitteras|remitterades|"
                     r"återremitteras|återremitterades)\s+till\s+(?P<who>[^.;,]{3,60}?)\s+för\s+"
                     r"(?P<purpose>beredning|yttrande|handläggning|vidare handläggning|ställningstagande|besvarande)\b")
_PURPOSE_VERB = {"beredning": "bereda", "yttrande": "yttra sig över", "handläggning": "handlägga",
                 "vidare handläggning": "handlägga", "ställningstagande": "ta ställning till", "besvarande": "besvara"}
_MEETING_REF = re.compile(r"(?i)\b(?:vid|på|under)\s+(?:\S+\s+){0,5}?(?:möte|mötet|sammanträde|sammanträdet|planeringsdag|planeringsdagen|träff)\b")

def clause_commissions(clause: str, line: int, body: Mention | None, decision_index: int | None, ctx: Context,
                        rec: ItemRecord, date: str | None) -> None:
    """Commissions inside a decision: "att uppdra styrgruppen … att …", "att RSS uppdrar åt X att …"."""
    found = commissions_in(clause, line, body, ctx, rec)
    m = _DOES.match(clause)
    if not found and m:
        who = parse_entity_phrase(m["who"], line, ctx)
        if who:
            found.append((body, who, f"{m['verb']} {m['task']}"))
    for mandator, mandatees, task in found:
        rec.commissions.append(CommissionRecord(mandator=mandator, mandatees=mandatees, task=short(task), date=date,
                                                decision_index=decision_index, line=line, quote=clause))

def commissions_in(text: str, line: int, default: Mention | None, ctx: Context, rec: ItemRecord):
    out = []
    m = _ASSIGNED.search(text)
    if m:
        subject = re.sub(r"\s+(?:har|hade)\s*$", "", text[: m.start()]).strip()
        before = [x for x in find_mentions(subject, line, ctx) if x.kind != "Person"]
        own = ctx.body and subject and refers_to_body(subject.split()[-1], ctx)
        who = parse_entity_phrase(m["who"], line, ctx)
        if who:
            out.append((body_mention(ctx, line, text) if own else (before[-1] if before else default), who, m["task"]))
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
    m = _REFERS.match(text.strip())
    if m:
        who = [x for x in parse_entity_phrase(m["who"], line, ctx) if x.kind != "Person"]
        what = m["what"].strip().lower() or "ärendet"
        if who and (default is None or fold(default.name) != fold(who[0].name)):
            out.append((default, who[:1], f"{_PURPOSE_VERB[m['purpose']]} {what}"))
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


# --- decisions that oblige others: "Kommunstyrelsen har beslutat att nämnderna ska redovisa …" ---------
_OBLIGES = re.compile(
    r"(?i)\b(?:har\s+|hade\s+)?(?:beslutat|beslutade|beslöt|beslutar|beslöts|beslutades)\s+(?P<inverted>(?:rådet|nämnden|"
    r"styrelsen|mötet|gruppen|nätverket|styrgruppen|utskottet|direktionen)\s+)?(?:\w+\s+){0,2}?att\s+"
    r"(?P<who>(?:varje|alla|samtliga)\s+[a-zåäö]+|[a-zåäö]{3,}(?:erna|arna|orna)|[A-ZÅÄÖ][\wåäö-]*(?:\s+[A-ZÅÄÖ]"
    r"[\wåäö-]*){0,3})\s+(?:ska|skall)\s+(?P<task>[^.;]{5,})")
# the plural a collective takes: "varje verksamhet" -> "Verksamheterna", "alla kommuner" -> "Kommunerna"
_PLURALS = (("heter", "heterna"), ("het", "heterna"), ("ningar", "ningarna"), ("ning", "ningarna"),
            ("nämnder", "nämnderna"), ("nämnd", "nämnderna"), ("kommuner", "kommunerna"), ("kommun", "kommunerna"),
            ("regioner", "regionerna"), ("region", "regionerna"), ("enheter", "enheterna"), ("enhet", "enheterna"))


def _collective(phrase: str) -> str | None:
    words = phrase.split()
    noun = words[-1].lower()
    if len(words) == 1:
        return noun[0].upper() + noun[1:] if noun.endswith(("erna", "arna", "orna")) else None
    for ending, plural in _PLURALS:
        if noun.endswith(ending):
            full = noun[: len(noun) - len(ending)] + plural
            return full[0].upper() + full[1:]
    return None


def obligations(text: str, line: int, default: Mention | None, ctx: Context) -> list[tuple[Mention | None,
                                                                                             list[Mention], str]]:
    """(mandator, mandatees, task) of a decision that says others shall do something: "Kommunstyrelsen har
    beslutat att nämnderna ska redovisa …", "beslutade rådet att varje verksamhet ska ta fram …"."""
    m = _OBLIGES.search(text)
    if m is None:
        return []
    who = m["who"].strip()
    mentions = [x for x in find_mentions(who, line, ctx) if x.kind not in ("Person", "Initiative", "Agreement")]
    if mentions:
        mandatees = mentions[:1]
    elif (name := _collective(who)) is not None:
        mandatees = [Mention(name=name, kind="Organisation", line=line, quote=text)]
    else:
        return []
    before = [x for x in find_mentions(text[: m.start()], line, ctx) if x.kind not in ("Person", "Initiative",
                                                                                         "Agreement")]
    if m["inverted"]:
        mandator = body_mention(ctx, line, text) if refers_to_body(m["inverted"].strip(), ctx) or not before else \
            before[-1]
    else:
        mandator = before[-1] if before else default
    if mandator is None or fold(mandator.name) == fold(mandatees[0].name):
        return []
    return [(mandator, mandatees, m["task"].strip())]


# --- action points ---------------------------------------------------------------------------
# "… (Josef)", "… - (Josef)", "(Digg bokar, klart)", "(Josef jobbar på draft)": the owner in brackets at the end
_OWNER_PAREN = re.compile(r"\((?P<who>[A-ZÅÄÖ][\w.-]*(?:\s+(?:och\s+)?[A-ZÅÄÖ][\w.-]*){0,3})"
                          r"(?:(?:\s+|,\s*)(?P<note>[a-zåäö][^()]*))?\)\s*[.;]?\s*$")
_URL = re.compile(r",?\s*<?https?://\S+>?")
_NUMBERING = re.compile(r"^\d{1,2}[.)]\s+")
_AT = re.compile(r"(?<![\w.])@(?P<who>[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]+)")
_RESPONSIBLE = re.compile(r"(?i)\b(?:ansvarig|ansv\.?|ansvar|ägare)\s*:\s*(?P<who>[A-ZÅÄÖ][^,.;()]*)")
# "Tomas åtog sig att …", "Daniell Cole tar på sig att …", "Henrik har lovat återkomma med …"
_TAKES_ON = re.compile(r"(?:^|(?<=[.!?]\s))(?P<who>[A-ZÅÄÖ][\w-]+(?:\s+[A-ZÅÄÖ][\w-]+){0,3})\s+(?:har\s+)?(?P<verb>åtog sig|"
                       r"åtar sig|tar på sig|tog på sig|lovat|lovade|lovar|ansvarar för|återkommer med|ska återkomma med|"
                       r"får i uppgift|fick i uppgift)\s+(?:att\s+)?(?P<task>[^.!?]+)")
# a clause led by a person: "Ida Vranvuk ska boka …", "Josefin skriver proposition", "Jens lägger upp info …"
_PERSON_LEADS = re.compile(r"^(?:att\s+)?(?P<who>[A-ZÅÄÖ][\w-]+(?:\s+(?:[A-ZÅÄÖ][\w-]+|och\s+[A-ZÅÄÖ][\w-]+)){0,4})"
                           r",?\s+(?P<task>(?:ska|skall|tar|får|tog|gör|ser|kontaktar|bokar|skriver|skickar|besvarar|"
                           r"lägger|presenterar|undersöker|utreder|sammanställer|tar fram|återkommer|ansvarar|bjuder|"
                           r"hör|kollar|fixar|ordnar|leder|samordnar|kallar|mejlar|mailar|informerar|bereder|"
                           r"[a-zåäö]+(?:ar|er|r))\b.*)$")
_NOT_ACTION_VERB = re.compile(r"^(?:är|var|har|hade|blir|finns|kan|kommer|vill|behöver|bör|anser|tycker|menar|"
                              r"[a-zåäö]+s)\b")


def _owner(who: str, line: int, quote: str, ctx: Context) -> list[Mention]:
    """The owner of an action point: people by name or first name, otherwise an organisation."""
    out: list[Mention] = []
    for name in re.split(r"\s*(?:,|\boch\b|/|&)\s*", who.strip()):
        name = name.strip(" .")
        if not name or fold(name) in ("alla", "samtliga", "vi", "gruppen"):
            continue
        words = name.split()
        if looks_like_person(name) or (len(words) == 1 and (is_first_name(name) or ctx.first_name_matches(name))):
            full = ctx.first_name_matches(name) if len(words) == 1 else []
            out.append(Mention(name=full[0] if len(full) == 1 else name, kind="Person", line=line, quote=quote))
            continue
        found = [m for m in find_mentions(name, line, ctx) if m.kind != "Person"]
        if found:
            out.append(found[0])
        elif len(words) <= 3 and name[:1].isupper():
            known = lookup_org(name, fuzzy=False)
            out.append(Mention(name=known.name if known else name, kind="Organisation", line=line, quote=quote))
    return out


def action_owners(text: str, line: int, ctx: Context, action_context: bool) -> list[tuple[list[Mention], str]]:
    """(owners, task) for each owner an action point names; ``action_context``: the line stands under
    an action heading ("Att göra", "Actionpoints") where a name in brackets is always its owner."""
    out: list[tuple[list[Mention], str]] = []
    quote = text
    text = _URL.sub("", _NUMBERING.sub("", text)).strip()
    ats = list(_AT.finditer(text))
    if ats:
        task = _AT.sub("", text).strip(" ,.-–")
        for m in ats:
            owners = _owner(m["who"][0].upper() + m["who"][1:], line, quote, ctx)
            if owners:
                out.append((owners, task))
        return out
    if m := _RESPONSIBLE.search(text):
        owners = _owner(m["who"], line, quote, ctx)
        if owners:
            out.append((owners, text[: m.start()].strip(" ,.-–") or text))
        return out
    if (m := _OWNER_PAREN.search(text)) is not None and m.start() > 0:
        who = m["who"]
        known = action_context or any(is_first_name(w) for w in who.split()) or ctx.first_name_matches(who)
        if known and not re.match(r"(?i)^(bilaga|se|dnr|sou|prop|ds)\b", who):
            owners = _owner(who, line, quote, ctx)
            if owners:
                task = text[: m.start()].strip(" ,.-–")
                if m["note"]:
                    task += f" ({m['note'].strip()})"
                out.append((owners, task))
                return out
    for m in _TAKES_ON.finditer(text):
        owners = [o for o in _owner(m["who"], line, quote, ctx) if o.kind == "Person"]
        if owners:
            out.append((owners, f"{m['verb']} {m['task']}".strip()))
    if not out and action_context and (m := _PERSON_LEADS.match(text)) and not _NOT_ACTION_VERB.match(m["task"]):
        owners = [o for o in _owner(m["who"], line, quote, ctx) if o.kind == "Person"]
        if owners:
            out.append((owners, m["task"]))
    return out


def person_task(clause: str, line: int, ctx: Context) -> tuple[list[Mention], str] | None:
    """An approved clause whose subject is a person: "Ida Vranvuk ska boka ett överlämningsmöte"."""
    m = _PERSON_LEADS.match(clause.strip())
    if not m or _NOT_ACTION_VERB.match(m["task"]):
        return None
    who = m["who"]
    names = [w for w in re.split(r"\s+och\s+", who)]
    if not all(looks_like_person(n) or (len(n.split()) == 1 and ctx.first_name_matches(n)) for n in names):
        return None
    owners = [o for o in _owner(who, line, clause, ctx) if o.kind == "Person"]
    return (owners, m["task"]) if owners else None
