"""Standing structure and money stated in a sentence, in minutes and mandates alike.

    "Beredningsgruppen ingår i Länsnätverket …"              PART_OF
    "LAG Digital vård rapporterar till Beredningsgruppen"    REPORTS_TO
    "Beredningsgruppen styr arbetet i LAG Digital vård …"    STEERS
    "…, som styr processgruppens arbete"                     STEERS (relative clause)
    "Beredningsgruppen är Länsnätverkets styrgrupp"          PART_OF, and the group is a steering group
    "Region Norrbotten avsätter 500 000 kronor för …"        FUNDS with the amount
    "Vårdsamverkan Sjuhärad finansieras av …"                FUNDS

Each pattern splits the sentence at its verb and reads the entities on either side, so the
mentions keep the order the sentence gives them.
"""

from __future__ import annotations

import re

from graph.kinds import BODY_KIND_NAMES
from graph.text import fold
from loaders.entities import Context, find_mentions
from loaders.records import FundingRecord, Mention, RelationRecord

__all__ = ["AMOUNT", "amount_sek", "board_of", "pending_relation", "reference", "sentence_funding",
           "sentence_relations"]

_STRUCTURE_KINDS = BODY_KIND_NAMES  # the groups and Organisation
_VERBS = [
    ("PART_OF", re.compile(r"\b(?:ingår i|ingår som en del i|är en del av|är del av|tillhör|hör till|är underställd|"
                           r"organiseras under|inrättas under|(?:är\s+)?(?:organisatoriskt\s+)?(?:placerad|placerat|"
                           r"placerade|organiserad|organiserat)\s+(?:inom|under|hos|vid))\s")),
    ("REPORTS_TO", re.compile(r"\b(?:återrapporterar|rapporterar|redovisar)(?:\s+\S+){0,4}?\s+till\s|"
                              r"\b(?:är|fungerar som|utgör)\s+(?:ett\s+)?(?:beredande|rådgivande)\s+organ\s+"
                              r"(?:till|åt|för|under)\s")),
    ("STEERS", re.compile(r"\b(?:styr(?:\s+arbetet)?(?:\s+(?:i|inom|för))?|leder och samordnar|"
                          r"(?:är|fungerar som|utgör)\s+styrgrupp\s+för|är\s+beställare\s+(?:av|för))\s")),
]
# "inrätta LAG Tidiga insatser under Processgrupp barn och unga"
_SET_UP_UNDER = re.compile(r"\b(?:inrätta|inrättas|inrättade|bilda|bildas|etablera|etableras)\b[^.]*?\s(under)\s+(?=[A-ZÅÄÖ])")
# "Folkhälsorådet är kommunstyrelsens beredande organ": it prepares the owner's matters
_PREPARES_FOR = re.compile(r"\b(?:är|fungerar som|utgör)\s+(?:ett\s+)?(?P<owner>[\wåäöÅÄÖ-]+?)s\s+"
                           r"(?:beredande|rådgivande)\s+(?:organ|instans)\b")
# "BK Syd AB samt BK Nordväst AB, helägda dotterbolag till Stockholms Stadshus AB": each is part of the owner
_SUBSIDIARY = re.compile(r",?\s*(?:ett\s+)?(?:hel|del)?äg(?:d[ae]?|t)\s+dotterbolag\s+(?:till|i|inom)\s+")
# "Digg samordnar.", "Skolverket är sammankallande.": in a group's notes, who runs the group
_RUNS_THE_GROUP = re.compile(r"^\s*(?P<subj>[A-ZÅÄÖ][\wÅÄÖåäö&-]*(?:\s+[A-ZÅÄÖ][\wÅÄÖåäö&-]*){0,3})\s+(?:samordnar|"
                             r"leder|är\s+sammankallande|är\s+samordnare|håller\s+i)"
                             r"(?:\s+(?:gruppen|arbetet|nätverket|mötena|arbetsgruppen))?\s*[.!]?\s*$")
# "Länsstyrelsen Östergötland (nationella kompetensteamet)": a unit named in brackets after its organisation
_UNIT_IN_BRACKETS = re.compile(r"\(\s*(?P<unit>(?:[a-zåäö][\wåäö-]*\s+){0,3}[a-zåäö][\wåäö-]*(?:teamet|gruppen|enheten|"
                               r"kansliet|sekretariatet|funktionen|rådet|nätverket))\s*\)")
_RELATIVE_STEERS = re.compile(r",\s*som\s+(?:styr|leder)\s")
_OWN_STEERING = re.compile(r"\bär\s+(?:[\wåäöÅÄÖ-]+s)\s+styrgrupp\b")
# bare references a sentence uses for an entity named before
_REFERENCE = re.compile(r"(?i)^\s*(?:i sin tur\s+)?(?:till\s+)?(nätverket|nätverkets|rådet|rådets|styrgruppen|styrgruppens|"
                        r"processgruppen|processgruppens|gruppen|gruppens|arbetsgruppen|beredningsgruppen)\b")
# a subject that refers back to several groups just named: "Dessa", "Grupperna", "Processgrupperna och LPO"
_PLURAL_SUBJECT = re.compile(r"(?i)^\s*(dessa grupper|grupperna|de|båda grupperna|dessa|"
                             r"[\wåäö]+(?:grupperna|nätverken|erna|orna|arna)(?:\s+och\s+\S+)?)\s*$")
# "Nätverket har en styrgrupp …": the steering group belongs to what has it
_HAS_STEERING = re.compile(r"(?<=\S)\s+har\s+en\s+styrgrupp\b")  # the owner is the word before it
AMOUNT = re.compile(
    r"(?<![\d,])(\d{1,3}(?:[  ]\d{3})+|\d+(?:,\d+)?)\s*(kr|kronor|SEK|tkr|tusen kronor|mkr|mnkr|miljoner kronor|miljoner)\b"
)
_FUNDER_VERB = re.compile(r"\b(?:avsätter|avsatt|avsatte|beviljar|beviljat|beviljade|tilldelar|tilldelat|bidrar med|"
                          r"finansierar|betalar|står för)\b")
_PAID_BY = re.compile(r"\b(?:finansierat|finansierad|finansierade|betalt|betalas)\s+(?:\S+\s+){0,2}?av\s")
_REQUISITION = re.compile(r"\brekvirera[rs]?\b(?:\s+\S+){0,2}\s*$")
_GIVER = re.compile(r"\b(?:tilldela[rt]?|bevilja[rt]?|ge|ger|finansiera[rt]?)\s+(?=[A-ZÅÄÖ])")
_FINANCED_BY = re.compile(r"\bfinansieras\b(?:[^.]*?)\bav\s")
_FROM = re.compile(r"\s*(?:\S+\s+){0,3}?från\s+(.{0,60})")  # after an amount to requisition: from whom
_TO = re.compile(r"\s*(?:[^\s,]+\s+){0,5}?(?:till|för|åt)\s+(.{0,90})")  # after an amount: for whom


# "Direktionen för Söderåsens Miljöförbund", "Styrelsen i Kommunförbundet Norrbotten": a board of an organisation
_BOARD_OF = re.compile(r"(?i)^(?P<board>[\wåäö-]*(?:direktion|styrelse|nämnd|presidi|utskott|ledningsgrupp)(?:en|et)?)"
                       r"\s+(?:för|i|inom|hos)\s+(?P<org>.+)$")


def board_of(body: Mention) -> RelationRecord | None:
    """PART_OF from a body's own name, when it names a board of an organisation.

    >>> board_of(Mention(name="Direktionen för Söderåsens Miljöförbund", kind="Council", line=3, quote="q")).target.name
    'Söderåsens Miljöförbund'
    """
    m = _BOARD_OF.match(body.name)
    if m is None:
        return None
    orgs = [x for x in find_mentions(m["org"], body.line, Context()) if x.kind == "Organisation"]
    if not orgs:
        return None
    return RelationRecord(type="PART_OF", source=body, target=orgs[0], line=body.line, quote=body.quote)


def amount_sek(number: str, unit: str) -> int | None:
    """ "16 961 335", "kr" -> 16961335; "2,5", "mnkr" -> 2500000."""
    try:
        value = float(number.replace(" ", "").replace("\u00a0", "").replace(",", "."))
    except ValueError:
        return None
    factor = {"tkr": 1_000, "tusen kronor": 1_000, "mkr": 1_000_000, "mnkr": 1_000_000,
              "miljoner kronor": 1_000_000, "miljoner": 1_000_000}.get(unit.lower(), 1)
    return round(value * factor)


def _structures(text: str, line: int, ctx: Context, quote: str) -> list[Mention]:
    return [m for m in find_mentions(text, line, ctx) if m.kind in _STRUCTURE_KINDS]


def reference(text: str, ctx: Context, line: int, quote: str) -> Mention | None:
    """ "nätverket", "processgruppens": the last entity of that kind, or the document's subject/body."""
    m = _REFERENCE.match(text)
    if not m:
        return None
    word = fold(m[1]).rstrip("s") if m[1].endswith("s") and not m[1].endswith("ss") else fold(m[1])
    kind = {"natverket": "Network", "radet": "Council", "styrgruppen": "SteeringGroup",
            "processgruppen": "ProcessGroup", "arbetsgruppen": "WorkingGroup"}.get(word)
    candidates = []
    if kind and kind in ctx.last:
        candidates.append(ctx.last[kind])
    if ctx.subject is not None and (kind is None or ctx.subject.kind == kind):
        candidates.append(ctx.subject)
    if ctx.body and (kind is None or ctx.body_kind == kind):
        candidates.append(Mention(name=ctx.body, kind=ctx.body_kind or "Network", line=line, quote=quote))
    found = candidates[0] if candidates else None
    return found.model_copy(update={"line": line, "quote": quote}) if found else None


def _has_steering_owner(text: str) -> str | None:
    """The word before "har en styrgrupp", found in linear time (a pattern ``\\S+`` before the
    phrase would be tried from every position of a long word).

    >>> _has_steering_owner("Länschefsnätverket har en styrgrupp som möts")
    'Länschefsnätverket'
    """
    m = _HAS_STEERING.search(text)
    if not m:
        return None
    start = m.start()
    while start and not text[start - 1].isspace():
        start -= 1
    return text[start : m.start()]


def sentence_relations(text: str, line: int, ctx: Context, previous_targets: list[Mention] | None = None
                       ) -> list[RelationRecord]:
    """PART_OF, REPORTS_TO and STEERS a sentence states between named structures."""
    quote = text.strip()
    out: list[RelationRecord] = []

    def add(type_: str, source: Mention, target: Mention) -> None:
        if fold(source.name) != fold(target.name):
            out.append(RelationRecord(type=type_, source=source, target=target, line=line, quote=quote))

    for type_, verb in _VERBS:
        m = verb.search(text)
        if not m:
            continue
        left, right = text[: m.start()], text[m.end() :]
        clause_end = re.search(r"[.;]|,\s*som\s|\boch\s+(?:rapporterar|styr|ingår)", right)
        right_part = right[: clause_end.start()] if clause_end else right
        sources = _structures(left, line, ctx, quote)
        # "X ingår i Y och rapporterar till Z": a coordinated predicate shares the sentence's subject
        source = (sources[0] if re.search(r"\boch\s+(?:\S+\s+)?$", left) else sources[-1]) if sources else None
        if source is None and _PLURAL_SUBJECT.match(left) and previous_targets:
            for prior in previous_targets:
                for target in _structures(right_part, line, ctx, quote) or [r for r in [reference(right_part, ctx, line, quote)] if r]:
                    add(type_, prior, target)
            continue
        if source is None:
            source = reference(left, ctx, line, quote)
        targets = _structures(right_part, line, ctx, quote) or [r for r in [reference(right_part, ctx, line, quote)] if r]
        if source is not None:
            for target in targets:
                add(type_, source, target)
    has = _has_steering_owner(text)
    if has:
        owners = _structures(has, line, ctx, quote) or [r for r in [reference(has, ctx, line, quote)] if r]
        if owners and owners[0].kind != "SteeringGroup":
            steering = Mention(name=f"Styrgruppen för {owners[0].name}", kind="SteeringGroup", line=line, quote=quote,
                               parent=owners[0].name)
            add("PART_OF", steering, owners[0])
    under = _SET_UP_UNDER.search(text)
    if under:
        groups = _structures(text[: under.start(1)], line, ctx, quote)
        parents = _structures(text[under.end(1) :], line, ctx, quote)
        if groups and parents:
            add("PART_OF", groups[-1], parents[0])
    runs = _RUNS_THE_GROUP.match(re.sub(r"^[\s•*–-]+", "", text.split(". ")[0]).rstrip(" .") + ".")
    if runs:
        leaders = [x for x in _structures(runs["subj"], line, ctx, quote) if x.kind == "Organisation"]
        # the minutes' own body; when they never name it, the meeting stands for it (resolve may name it)
        body = Mention(name=ctx.body or "(mötets organ)", kind=(ctx.body_kind or "WorkingGroup") if ctx.body else "Meeting",
                       line=line, quote=quote)
        if leaders and fold(leaders[0].name) != fold(body.name):
            add("STEERS", leaders[0], body)
    for unit in _UNIT_IN_BRACKETS.finditer(text):
        owners = [x for x in _structures(text[: unit.start()], line, ctx, quote) if x.kind == "Organisation"]
        tail = text[max(0, unit.start() - 60) : unit.start()]
        if owners and any(name in tail for name in (owners[-1].name, *owners[-1].aliases)):
            add("PART_OF", Mention(name=unit["unit"], kind="WorkingGroup", line=line, quote=quote), owners[-1])
    prepares = _PREPARES_FOR.search(text)
    if prepares:
        subject = _structures(text[: prepares.start()], line, ctx, quote)
        owner = _structures(prepares["owner"], line, ctx, quote)
        if subject and owner:
            add("REPORTS_TO", subject[-1], owner[0])
    for sub in _SUBSIDIARY.finditer(text):
        owners = _structures(text[sub.end() :], line, ctx, quote)
        listed = text[: sub.start()]
        listed = listed[max(listed.rfind(" av "), listed.rfind(" i "), listed.rfind(" till ")) + 1 :]
        for company in _structures(listed, line, ctx, quote) if owners else []:
            add("PART_OF", company, owners[0])
    rel = _RELATIVE_STEERS.search(text)
    if rel:
        before = _structures(text[: rel.start()], line, ctx, quote)
        after = _structures(text[rel.end() :], line, ctx, quote) or [
            r for r in [reference(text[rel.end() :], ctx, line, quote)] if r]
        if before and after:
            add("STEERS", before[-1], after[0])
    own = _OWN_STEERING.search(text)
    if own:
        subject = _structures(text[: own.start()], line, ctx, quote)
        parent = _structures(text[own.start() :], line, ctx, quote)
        owner = [p for p in parent if p.kind != "SteeringGroup"]
        steering_mention = next((p for p in parent if p.kind == "SteeringGroup"), None)
        if subject and (owner or steering_mention):
            parent_name = owner[0].name if owner else steering_mention.parent
            group = subject[-1].model_copy(update={"kind": "SteeringGroup", "parent": parent_name, "declared": True})
            add("PART_OF", group, owner[0] if owner else Mention(name=parent_name or "", kind="Network", line=line,
                                                                   quote=quote))
    return [r for r in out if r.target.name]


def pending_relation(text: str, line: int, ctx: Context) -> tuple[str, Mention] | None:
    """A relation whose targets follow as a list: "Styrgruppen styr de processgrupper … för närvarande:"
    (then "• Processgrupp barn och unga", "• LPO Psykisk hälsa")."""
    if not re.search(r"(?i)(?::|för närvarande|följande|nämligen)\s*$", text.strip()):
        return None
    quote = text.strip()
    for type_, verb in _VERBS:
        m = verb.search(text)
        if not m:
            continue
        sources = _structures(text[: m.start()], line, ctx, quote) or [
            r for r in [reference(text[: m.start()], ctx, line, quote)] if r]
        if sources:
            return type_, sources[-1]
    return None


def sentence_funding(text: str, line: int, ctx: Context, default_funder: Mention | None = None,
                     default_recipient: Mention | None = None) -> list[FundingRecord]:
    """Sums of money with who pays and who receives, as far as the sentence says."""
    quote = text.strip()
    out: list[FundingRecord] = []
    years = re.findall(r"(?<!\d)(20\d\d)(?!\d)", text)
    funder_verb = _FUNDER_VERB.search(text)
    funder = None
    if funder_verb:
        before = [m for m in find_mentions(text[: funder_verb.start()], line, ctx)
                  if m.kind in _STRUCTURE_KINDS | {"Agreement"}]
        funder = before[-1] if before else None
    financed = _FINANCED_BY.search(text)
    if financed:
        recipients = _structures(text[: financed.start()], line, ctx, quote)
        payers = [m for m in find_mentions(text[financed.end() :], line, ctx) if m.kind in _STRUCTURE_KINDS | {"Agreement"}]
        if recipients:
            for payer in payers:
                amount = AMOUNT.search(text)
                out.append(FundingRecord(amount_sek=amount_sek(amount[1], amount[2]) or 0 if amount else 0,
                                         year=int(years[-1]) if years else None, funder=payer,
                                         recipient=recipients[-1], line=line, quote=quote))
    paid_by = _PAID_BY.search(text)
    if paid_by:  # "…, finansierat av Region Värmland"
        payers = _structures(text[paid_by.end() :], line, ctx, quote)
        funder = payers[0] if payers else funder
    # What each amount looks for before and after it is found in ``text`` itself, not in copies of
    # everything before and after it: per amount that was quadratic in a sentence's length.
    first_giver = _GIVER.search(text)  # the first in the text is the first before any amount it precedes
    requisitions = "rekvirera" in text
    for amount in AMOUNT.finditer(text):
        value = amount_sek(amount[1], amount[2])
        if value is None or value < 1000:
            continue
        start, end = amount.span()
        requisition = _REQUISITION.search(text, 0, start) if requisitions else None
        if requisition and (source := _FROM.match(text, end)):
            # "Region Kalmar län kan rekvirera 4 800 000 kr från Socialstyrelsen"
            payers = _structures(source[1], line, ctx, quote)
            takers = _structures(text[: requisition.start()], line, ctx, quote)
            if payers and takers:
                out.append(FundingRecord(amount_sek=value, year=int(years[-1]) if years else None, funder=payers[0],
                                         recipient=takers[-1], line=line, quote=quote))
                continue
        # a giver needs the capital after it before the amount (its lookahead)
        giver = first_giver if first_giver is not None and first_giver.end() < start else None
        if giver:  # "tilldela Referensgruppen 180 tkr", "finansierar LAG Mobil närvård med 1 250 000 kr"
            between = _structures(text[giver.end() : start], line, ctx, quote)
            if between:
                givers = _structures(text[: giver.start()], line, ctx, quote)
                out.append(FundingRecord(amount_sek=value, year=int(years[-1]) if years else None,
                                         funder=givers[-1] if givers else (funder or default_funder),
                                         recipient=between[-1], line=line, quote=quote))
                continue
        target = _TO.match(text, end)
        recipient = None
        if target:
            stop = re.search(r",|\s+och\s+\d|\.\s", target[1])
            phrase = target[1][: stop.start()] if stop else target[1]
            found = _structures(phrase, line, ctx, quote) or _genitive_structures(phrase, line, ctx, quote)
            recipient = found[0] if found else None
        out.append(FundingRecord(amount_sek=value, year=int(years[-1]) if years else None,
                                 funder=funder or default_funder, recipient=recipient or default_recipient,
                                 line=line, quote=quote))
    return out


def _genitive_structures(phrase: str, line: int, ctx: Context, quote: str) -> list[Mention]:
    """ "Länsstödets samordning" -> Länsstödet: money for an organisation's work goes to it."""
    m = re.match(r"\s*([A-ZÅÄÖ][\wåäö-]+?)s\s", phrase + " ")
    if not m:
        return []
    return _structures(m[1], line, ctx, quote)
