"""Decision blocks inside an agenda item, in the forms Swedish minutes use.

    Länschefsnätverket beslutade            a body and its verb, att-clauses below (or on the line)
    att öppna mötet.
    Beslut: att godkänna dagordningen       a "Beslut" label, clauses inline or below
    Beslut                                  … or a free sentence: one decision per sentence
    Dagordningen fastställs.
    Förslag till beslut                     proposals: decisions only when a later line approves
    - Ida Kjellerstedt väljs till kassör.   them ("attsats 1 till 4 bifalles", "Attsats bifalles",
    Beslut                                  "förslaget till beslut bifalles", "beslutar enligt
    - attsats 1 bifalles                    förslaget"); each approved clause is one decision
                                            with the proposal's words
    - Styrelsen sätter ihop inköpslista.    a list right before such an approval is its proposal
    Beslut                                  even without a "Förslag" label
    - Attsats 1 godkänns.

``read_block`` reads one block starting at a line and returns what it holds; ``approved``
turns an approval into the proposal clauses it accepts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.kinds import GROUP_KIND_NAMES
from graph.text import fold
from loaders.entities import Context, find_mentions
from loaders.reading.cues import DECISION_HEADS, PROPOSAL_HEADS
from loaders.reading.dates import find_dates
from loaders.reading.layout import Line
from loaders.records import Mention, RelationRecord

__all__ = [
    "DECISION_HEAD",
    "Block",
    "Clause",
    "approved",
    "body_from_decisions",
    "body_mention",
    "is_approval",
    "read_block",
    "refers_to_body",
]

# "<body> beslutade", "<body> beslutade:", "<body> beslutar att …"
DECISION_HEAD = re.compile(r"^(?P<subj>[^.]{0,140}?)\s*(?P<verb>beslutade|beslutar|beslöt)\b[:,]?\s*(?P<rest>.*)$")
# "Kommunstyrelsen föreslås besluta", "Arbetsutskottet föreslår kommunstyrelsen besluta att …"
_PROPOSES = re.compile(r"(?i)^(?P<subj>[^.]{0,120}?)\s+(?:föreslås|föreslår\s+[^.]{0,80}?)\s+(?:att\s+)?besluta\b[:,]?\s*"
                       r"(?P<rest>.*)$")
# a sentence that is itself a decision: "Region Norrbotten får i uppdrag att …", "Saga Provlund utses …"
_DECISION_SENTENCE = re.compile(
    r"(?i)\b(får i uppdrag|ges i uppdrag|uppdrar åt|uppdras|beslutar|beslutade|utses|fastställs|fastställdes|godkänns|"
    r"godkändes|antas|antogs|noteras|noterades|läggs till handlingarna|lades till handlingarna|tillstyrks|avslås|"
    r"väljs|valdes|bifalles|bordläggs)\b"
)
_ATT = re.compile(r"(?i)^att\b")
_BODY_COMPOUND = re.compile(r"^[A-ZÅÄÖ][\wåäö-]*(?:styrelsen|nämnden|utskottet|rådet|direktionen|fullmäktige|"
                            r"beredningen|presidiet|gruppen|nätverket)$")
_GENITIVE_HEAD = re.compile(r"^[A-ZÅÄÖ][\wåäö-]{2,40}s\s+beslut\b\s*:?\s*(?P<rest>.*)$")
_APPROVE_VERB = re.compile(r"(?i)\b(bifall\w*|bifölls|godkän\w*|antas|antogs|anta|antar|bevilja\w*|tillstyrk\w*|"
                           r"fastställ\w*)\b|\benligt\s+(?:[\wåäö]+s\s+)?förslag|\bi\s+enlighet\s+med\s+[^.]{0,40}förslag")
_REJECT_VERB = re.compile(r"(?i)\b(avslå\w*|avslog\w*|faller|föll)\b")
_REFERENCE = re.compile(r"(?i)\b(att[- ]?sats\w*|förslag\w*|yrkande\w*|punkt(?:en|erna)?)\b")
_RANGE = re.compile(r"(\d+)\s*(?:till|–|-|t\.?o\.?m\.?)\s*(\d+)")
_NUMBER = re.compile(r"\d+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
# "1. Rosmarie Lindholm utses … 2. Ester Lindvall utses …": numbered sentences of one decision block
_ENUMERATORS = re.compile(r"(?:^|(?<=[.!?]\s))\d{1,2}[.)]\s+(?=[A-ZÅÄÖ])")
GENERIC_SUBJECTS = {"mötet", "nätverket", "rådet", "gruppen", "sammanträdet", "nätverksträffen", "styrelsen",
                    "nämnden", "utskottet", "arbetsgruppen", "styrgruppen", "processgruppen"}  # fmt: skip
_KIND_WORDS = {"styrgrupp": "SteeringGroup", "processgrupp": "ProcessGroup", "arbetsgrupp": "WorkingGroup",
               "rad": "Council", "natverk": "Network", "lpo": "ProgramArea", "programomrad": "ProgramArea"}  # fmt: skip


@dataclass
class Clause:
    index: int  # line index of the clause's first line
    text: str


@dataclass
class Block:
    kind: str  # "decision" or "proposal"
    start: int
    last: int  # index of the block's last line
    body: Mention | None = None  # who decides, when the head names a body
    clauses: list[Clause] = field(default_factory=list)
    approval: Clause | None = None  # "attsats 1 till 4 bifalles": the clauses it accepts come from proposals
    refs: list[int] | None = None  # numbers of the approved proposals; None = all of them
    rejected: bool = False
    relations: list[RelationRecord] = field(default_factory=list)
    pending_att: bool = False  # the head ended in "att": the list below holds the clauses


def is_approval(text: str) -> tuple[bool, list[int] | None, bool]:
    """Whether a short line approves (or rejects) earlier proposals, and which ones.

    >>> is_approval("attsats 1 till 4 bifalles.")
    (True, [1, 2, 3, 4], False)
    >>> is_approval("Attsats bifalles"), is_approval("förslaget till beslut bifalles")
    ((True, None, False), (True, None, False))
    >>> is_approval("Kommunstyrelsen beslutar enligt arbetsutskottets förslag.")
    (True, None, False)
    >>> is_approval("Äskan godkänns.")
    (False, None, False)
    """
    words = text.split()
    if not words or len(words) > 14:
        return False, None, False
    if re.search(r"(?i)\bföreslå|\bförslag\s+till\s+(?!beslut)", text):
        return False, None, False  # "Beredningsgruppen föreslår Länsnätverket att besluta …": a proposal onward
    clause = re.search(r"(?i)\batt\s+([a-zåäö]+)", text)
    if clause and not re.match(r"(?i)(bifall|godkänn|anta|bevilja|tillstyrk|fastställ|avslå)", clause[1]):
        return False, None, False  # "att fördela medlen enligt förslaget": a clause of its own
    reference = _REFERENCE.search(text)
    approve = _APPROVE_VERB.search(text)
    reject = _REJECT_VERB.search(text)
    if not reference or not (approve or reject):
        return False, None, False
    if re.search(r"(?i)\benligt\b|\bi enlighet\b", text) is None and reference.start() > (approve or reject).start():
        return False, None, False
    refs: list[int] = []
    for m in _RANGE.finditer(text):
        refs.extend(range(int(m[1]), int(m[2]) + 1))
    if not refs:
        refs = [int(n) for n in _NUMBER.findall(text[reference.start() :])]
    if re.search(r"(?i)\b(samtliga|alla|båda)\b", text):
        refs = []
    return True, sorted(set(refs)) or None, bool(reject) and not approve


def approved(block: Block, proposals: list[Clause]) -> list[Clause]:
    """The proposal clauses an approval block accepts."""
    if block.rejected or not proposals:
        return []
    if block.refs is None:
        return list(proposals)
    return [proposals[n - 1] for n in block.refs if 0 < n <= len(proposals)]


def _head(lines: list[Line], j: int, ctx: Context) -> tuple[str, str, Mention | None, list[RelationRecord]] | None:
    text = lines[j].text.replace("\t", " ")
    capital = text[:1].isupper()
    if capital and (m := DECISION_HEADS.match(text)) is not None:
        if fold(m.label) in ("beslutas", "beslots", "beslutades") and re.match(r"(?i)att\b", m.rest) \
                and ":" not in text[: len(m.label) + 2]:
            return "decision", f"{m.label} {m.rest}", None, []  # "Beslutas att …" is the sentence itself
        return "decision", m.rest, None, []
    if capital and (g := _GENITIVE_HEAD.match(text)) is not None:
        return "decision", g["rest"], None, []  # "Direktionens beslut", "Kommunstyrelsens beslut:"
    if capital and (m := PROPOSAL_HEADS.match(text)) is not None and (not lines[j].bullet or m.label.endswith(":")
                                                                       or re.match(r"\S+\s*:", text)):
        return "proposal", m.rest, None, []
    if (m := _PROPOSES.match(text)) is not None and len(m["subj"].split()) <= 6:
        return "proposal", m["rest"], None, []
    m = DECISION_HEAD.match(text)
    if not m:
        return None
    subj, rest = m["subj"].strip(), m["rest"].strip()
    if re.match(r"(?i)^vid\b", subj) or find_dates(subj) or find_dates(re.split(r"\batt\b", rest, maxsplit=1)[0]):
        return None  # "Vid … beslutade …", "beslutade den 20 mars 2026": reported, read in the narrative
    if re.match(r"(?i)^(därför|vid|tidigare|under)\b", rest):
        return None
    if subj and subj[0].islower() and not subj.lower().startswith(tuple(GENERIC_SUBJECTS)):
        return None
    if rest and not rest.lower().startswith("att") and not rest.startswith(":") and not is_approval(rest)[0]:
        return None
    relations: list[RelationRecord] = []
    body = subject_body(subj, j + 1, ctx, text, relations)
    if body is None:
        return None
    return "decision", rest.lstrip(": "), body, relations


def read_block(lines: list[Line], j: int, end: int, ctx: Context) -> Block | None:
    """The decision or proposal block that starts at line j, if one does."""
    head = _head(lines, j, ctx)
    if head is None:
        return None
    kind, rest, body, relations = head
    block = Block(kind, j, j, body=body, relations=relations)
    free = body is None  # under a bare "Beslut" label a sentence is a decision, not only an att-clause
    if rest and fold(rest) == "att":
        block.pending_att = True  # "Ledningsnätverket beslutade att" + a list: each item is an att-clause
    elif rest:
        _take(block, j, rest, free)
        if lines[j].bullet:
            block.last = _continuation(lines, j, end, block)
            return block if block.clauses or block.approval else None  # "- Beslut: …" inside a bullet list
    k = j + 1
    blanks = 0
    while k < end:
        line = lines[k]
        text = line.text.replace("\t", " ")
        if not text:
            blanks += 1
            if blanks > 3 or (blanks > 1 and block.clauses and not _next_is_clause(lines, k, end)):
                break
            k += 1
            continue
        if line.heading or (_head(lines, k, ctx) is not None and not _ATT.match(text)):
            lead = DECISION_HEAD.match(text)
            if lead and block.kind == "decision" and not block.clauses and block.approval is None:
                inner = _head(lines, k, ctx)
                if inner is not None and inner[0] == "decision":
                    # "Beslut" / "Kommunstyrelsen beslutar [att …]": a lead-in naming who decides
                    block.body = inner[2] or block.body
                    block.relations.extend(inner[3])
                    if inner[1] and fold(inner[1]) != "att":
                        _take(block, k, inner[1], free)
                    elif inner[1]:
                        block.pending_att = True
                    block.last = k
                    k += 1
                    blanks = 0
                    continue
            break
        if blanks and block.clauses and not (_ATT.match(text) or line.bullet):
            last = block.clauses[-1].text
            if not (text[:1].islower() and not re.search(r"[.!?]$", last)):
                break  # after a blank line only a further clause, or the rest of a cut sentence, continues
        if not _take(block, k, text, free, bullet=bool(line.bullet), after_blank=bool(blanks)):
            break
        block.last = k
        blanks = 0
        k += 1
    if not block.clauses and block.approval is None:
        if block.kind == "proposal":
            return block  # an empty label ("Förslag") still ends the list before it
        return None
    return block


def _continuation(lines: list[Line], j: int, end: int, block: Block) -> int:
    """Lines that continue a bullet's text: deeper indented, no marker of their own."""
    k = j + 1
    while k < end and lines[k].text and not lines[k].bullet and lines[k].indent > lines[j].indent:
        if block.clauses:
            block.clauses[-1].text += " " + lines[k].text
        k += 1
    return k - 1


def _next_is_clause(lines: list[Line], k: int, end: int) -> bool:
    nxt = next((x for x in lines[k + 1 : min(end, k + 4)] if x.text), None)
    return nxt is not None and bool(_ATT.match(nxt.text))


def _take(block: Block, k: int, text: str, free: bool, bullet: bool = False, after_blank: bool = False) -> bool:
    """Add one line's words to the block; False when the line is not the block's."""
    text = text.strip()
    if block.kind == "decision" and not block.clauses:
        ok, refs, rejected = is_approval(text)
        if ok:
            block.approval, block.refs, block.rejected = Clause(k, text), refs, rejected
            return True
    if block.approval is not None:
        return False
    last = block.clauses[-1] if block.clauses else None
    if _ATT.match(text):
        for piece in re.split(r"(?<=[.;])\s+(?=att\s)", text):
            block.clauses.append(Clause(k, piece))
        return True
    if bullet and block.pending_att and not _ATT.match(text):
        text = "att " + text
    if bullet:
        if last is not None and (last.text.endswith(":") or (last.text.endswith(";") and ":" in last.text)):
            last.text += " " + text.rstrip(".") + ";"
            return True  # "… förbättringsområden:" + "- Kontaktvägar": the list belongs to the clause
        block.clauses.append(Clause(k, text))
        return True
    if last is None:
        if free or block.kind == "proposal":
            block.clauses.extend(Clause(k, piece) for piece in _SENTENCE.split(_ENUMERATORS.sub("", text)) if piece)
            return True
        return False
    if text[:1].islower() and not re.search(r"[.!?]$", last.text):
        last.text += " " + text
        return True
    if re.search(r"[.!]$", last.text) and text[:1].isupper() and _DECISION_SENTENCE.search(text) and not after_blank:
        block.clauses.append(Clause(k, text))  # "… enligt förslaget. Region Norrbotten får i uppdrag att …"
        return True
    if free and not after_blank and re.search(r"[.!]$", last.text):
        block.clauses.extend(Clause(k, piece) for piece in _SENTENCE.split(_ENUMERATORS.sub("", text)) if piece)
        return True
    if not re.search(r"[.!?:]$", last.text) and not after_blank and (
            len(last.text) > 55 or re.search(r"\b(och|för|av|om|till|i|på|med|inom|att)$", last.text)):
        last.text += " " + text
        return True
    return False


# --- who decides --------------------------------------------------------------------------------
def subject_body(subj: str, line: int, ctx: Context, quote: str, relations: list) -> Mention | None:
    """The body before "beslutade"; typos of the meeting's own body count as it."""
    role = re.search(r"\s+i rollen som styrgrupp för\s+(.+)$", subj)
    if role:
        subj = subj[: role.start()]
    mentions = [m for m in find_mentions(subj, line, ctx) if m.kind not in ("Person", "Initiative", "Agreement")]
    if not subj or fold(subj) in {fold(s) for s in GENERIC_SUBJECTS}:
        body = body_mention(ctx, line, quote)
    elif mentions:
        body = mentions[0]
    elif ctx.body and refers_to_body(subj, ctx):
        body = body_mention(ctx, line, quote)
    elif ctx.body and any(_similar(subj, name) for name in _body_names(ctx)):
        body = Mention(name=subj, kind=ctx.body_kind or "Network", line=line, quote=quote, aliases=[ctx.body])
    else:
        return None
    if role and body:
        targets = find_mentions(role[1], line, ctx) or [Mention(name=role[1].strip(), kind="Initiative", line=line,
                                                                quote=quote)]
        relations.append(RelationRecord(type="STEERS", source=body, target=targets[0], line=line, quote=quote))
    return body


def _body_names(ctx: Context) -> list[str]:
    """The meeting body's name, its declared aliases and its head word ("Länsnätverket")."""
    names = [ctx.body] + [a for a, target in ctx.aliases.items() if target == ctx.body]
    head = ctx.body.split()[0]
    return names + ([head] if len(head) >= 6 else [])


def refers_to_body(subj: str, ctx: Context) -> bool:
    """ "Styrgruppen", "Processgruppen", "VO-rådet": the meeting's own body by a short name."""
    if not ctx.body:
        return False
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


def body_mention(ctx: Context, line: int, quote: str) -> Mention | None:
    if not ctx.body:
        return None
    return Mention(name=ctx.body, kind=ctx.body_kind or "Network", line=line, quote=quote)


def body_from_decisions(lines: list[Line], ctx: Context) -> Mention | None:
    """The body most decision heads name ("Länschefsnätverket beslutade"), when the header named none."""
    counts: dict[str, tuple[int, Mention]] = {}
    for line in lines:
        m = DECISION_HEAD.match(line.text)
        if not m or re.match(r"(?i)^vid\b", m["subj"]):
            continue
        found = [x for x in find_mentions(m["subj"], line.pos, ctx) if x.kind in GROUP_KIND_NAMES]
        subj = m["subj"].strip()
        if not found and (b := _BODY_COMPOUND.match(subj)) is not None:
            # "Koncernstyrelsen beslöt": a body named by a compound of its noun
            from loaders.reading.header import body_kind_of_noun

            found = [Mention(name=b[0], kind=body_kind_of_noun(b[0]), line=line.pos, quote=line.text)]
        for mention in found[:1]:
            key = fold(mention.name)
            counts[key] = (counts.get(key, (0, mention))[0] + 1, counts.get(key, (0, mention))[1])
    if not counts:
        return None
    return max(counts.values(), key=lambda t: t[0])[1]
