"""Records -> one document's graph fragment.

The parsers say what a document states (``loaders.records``); this module turns that into nodes and
edges with sources, in the contract's vocabulary. Entity nodes get provisional ids from their name
as written; ``loaders.resolve`` merges them across documents. Everything that belongs to the
document (meeting, agenda items, decisions, sums of money) gets its final id here, from the
document's name and its position in it, so the same file always gives the same ids.
"""

from __future__ import annotations

import re

from rapidfuzz.distance import DamerauLevenshtein

from graph.ids import edge_key, entity_id, item_id
from graph.models import GROUP_KINDS, Edge, EdgeType, Fragment, Node, NodeKind, Source, Warning
from graph.text import fold
from loaders.entities import Context, find_mentions
from loaders.lexicon import lookup_org
from loaders.reading.status import reading_status
from loaders.records import MandateRecord, Mention, MinutesRecord, RelationRecord
from loaders.relations import board_of

__all__ = ["FragmentBuilder", "mandate_fragment", "minutes_fragment", "org_type_of"]

_QUOTE_LIMIT = 300
# What a subject concerns: an item about "MiniMaria" concerns the initiative, not the people in it.
_CONCERN_KINDS = {k.value for k in GROUP_KINDS} | {"Agreement", "Initiative", "Organisation"}
# Attendance sub-headings that are not organisations.
# an acronym ("SKPF"), or one to three capitalised words ("Medarbetarcentrum", "Lokalt Ledd Utveckling" is not:
# the lower-case words of a title or a sentence are not allowed)
_ORG_BY_POSITION = re.compile(r"[A-ZÅÄÖ]{2,6}|[A-ZÅÄÖ][\wåäö&-]+(?:\s+(?:och\s+|i\s+|för\s+)?[A-ZÅÄÖ][\wåäö&-]+){0,2}")
_NOT_ORGS = {"tjanstepersoner", "tjansteperson", "ovriga", "ovrigt", "gaster", "gast", "adjungerade", "frivilliga"}


def org_type_of(name: str) -> str:
    """"municipality", "region", "national", "rss" or "other", from the lexicon and the name."""
    known = lookup_org(name, fuzzy=False)
    if known:
        return known.org_type
    folded = fold(name)
    if folded.startswith("rss"):
        return "rss"
    if folded.startswith("region "):
        return "region"
    if folded.endswith(" kommun") or folded.endswith(" kommuner"):
        return "municipality"
    return "other"


def _quote(text: str) -> str:
    """The words of ``text`` with single spaces, cut at ``_QUOTE_LIMIT``; only as much of a long line
    is joined as the quote needs (a line cited by many sources is not re-joined whole each time).

    >>> _quote("  att  anta\tplanen "), len(_quote("ord " * 100_000)) == _QUOTE_LIMIT
    ('att anta planen', True)
    """
    size = 4 * _QUOTE_LIMIT
    while size < len(text):  # the words of a prefix are a prefix of the words of the whole
        head = " ".join(text[:size].split())
        if len(head) > _QUOTE_LIMIT:
            return head[: _QUOTE_LIMIT - 1] + "…"
        size *= 4
    text = " ".join(text.split())
    return text if len(text) <= _QUOTE_LIMIT else text[: _QUOTE_LIMIT - 1] + "…"


class FragmentBuilder:
    """Collects nodes and edges for one document; a node or edge seen twice keeps both sources."""

    def __init__(self, document: str, doc_kind: str):
        self.document = document
        self.fragment = Fragment(document=document, doc_kind=doc_kind)
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, Edge] = {}
        self._seen: set[tuple[str, Source]] = set()  # (node id or edge key, source): no list scans

    def source(self, line: int | None, quote: str) -> Source:
        return Source(document=self.document, line=max(int(line or 0), 1), quote=_quote(quote))  # lines count from 1

    def node(self, id_: str, kind: str, name: str, line: int | None, quote: str, aliases=(), **props) -> str:
        src = self.source(line, quote)
        node = self._nodes.get(id_)
        if node is None:
            node = Node(id=id_, kind=NodeKind(kind), name=name, props={k: v for k, v in props.items() if v is not None})
            self._nodes[id_] = node
        else:
            for k, v in props.items():
                if v is not None and node.props.get(k) is None:
                    node.props[k] = v
        for alias in (name, *aliases):
            if alias and alias != node.name and alias not in node.aliases:
                node.aliases.append(alias)
        if (id_, src) not in self._seen:
            self._seen.add((id_, src))
            node.sources.append(src)
        return id_

    def entity(self, mention: Mention) -> str:
        """A provisional entity node for a mention (resolution merges it across documents)."""
        name = mention.name
        props: dict = {}
        if mention.kind == "Organisation":
            known = lookup_org(name, fuzzy=False)
            if known:
                name = known.name
            props["org_type"] = org_type_of(name)
        if mention.parent:
            props["parent"] = mention.parent
        if mention.declared:
            props["declared"] = True
        id_ = entity_id(mention.kind, name)
        aliases = [a for a in (mention.name, *mention.aliases) if a != name]
        return self.node(id_, mention.kind, name, mention.line, mention.quote, aliases=aliases, **props)

    def edge(self, type_: EdgeType, source: str, target: str, line: int | None, quote: str,
             discriminator: str = "", **props) -> None:
        if source == target:
            return
        key = edge_key(type_.value, source, target, discriminator)
        src = self.source(line, quote)
        edge = self._edges.get(key)
        if edge is None:
            clean = {k: v for k, v in props.items() if v is not None and v != ""}
            self._edges[key] = Edge(source=source, target=target, type=type_, props=clean, sources=[src], key=key)
            self._seen.add((key, src))
        elif (key, src) not in self._seen:
            self._seen.add((key, src))
            edge.sources.append(src)

    def warn(self, line: int | None, message: str) -> None:
        self.fragment.warnings.append(Warning(document=self.document, line=line, message=message))

    def declare_aliases(self, groups: list[list[str]]) -> None:
        """Names the document itself declares equal ("Länschefsnätverket (LCHNV)") join its node."""
        by_name = {fold(n): node for node in self._nodes.values() for n in (node.name, *node.aliases)}
        for group in groups:
            node = next((by_name[fold(n)] for n in group if fold(n) in by_name), None)
            if node is None or node.kind in (NodeKind.PERSON, NodeKind.DOCUMENT):
                continue
            for name in group:
                if name != node.name and name not in node.aliases:
                    node.aliases.append(name)

    def done(self) -> Fragment:
        self.fragment.nodes = list(self._nodes.values())
        self.fragment.edges = list(self._edges.values())
        return self.fragment


class _People:
    """Person names of one document; a first name alone is resolved only when one person has it."""

    def __init__(self, names: list[str], listed: list[str] | None = None, same: list[list[str]] | None = None):
        self.full: dict[str, str] = {}
        for name in names:
            if len(name.split()) >= 2:
                self.full.setdefault(fold(name), name)
        # a spelling one letter off a name the attendance list gives ("Malin Arnholds" presenting, "Malin
        # Arnholdt" listed; "Rosmarie"/"Rosmari"): the listed person, the variant kept as an alias
        self.spelling: dict[str, str] = {}
        listed_keys = {fold(n): n for n in listed or [] if len(n.split()) >= 2}
        self.written: dict[str, str] = {}
        for group in same or []:
            known = next((listed_keys[fold(n)] for n in group if fold(n) in listed_keys), None)
            for n in group if known else []:
                if fold(n) != fold(known):
                    self.spelling[fold(n)] = known
                    self.written[fold(n)] = n
        self.listed = listed_keys

    def variants(self) -> list[tuple[str, str]]:
        """(spelling as written, the listed name it stands for), for the spellings met so far."""
        return sorted((self.written.get(k, k), n) for k, n in self.spelling.items() if fold(n) != k)

    def _listed_spelling(self, name: str) -> str:
        key = fold(name)
        if key in self.listed or len(key) < 8:
            return name
        if key not in self.spelling:
            near = [n for k, n in self.listed.items() if len(k.split()) == len(key.split())
                    and DamerauLevenshtein.distance(k, key) <= 1]
            self.spelling[key] = near[0] if len(near) == 1 else name
            self.written[key] = name
        return self.spelling[key]

    def resolve(self, name: str) -> tuple[str | None, list[str]]:
        if len(name.split()) >= 2:
            return self._listed_spelling(name), []
        key = fold(name)
        matches = sorted({n for k, n in self.full.items() if k.split()[0] == key})
        return (matches[0], matches) if len(matches) == 1 else (None, matches)


def _spelling_aliases(b: FragmentBuilder, people: _People) -> None:
    """A listed person's other spelling in the same document ("Rosmarie" signing for "Rosmari") is an alias."""
    for variant, name in people.variants():
        node = b._nodes.get(entity_id("Person", name))
        if node is not None and variant not in node.aliases and variant != node.name:
            node.aliases.append(variant)


def _org_mention(text: str | None, line: int, quote: str, org_kind: str | None = None) -> Mention | None:
    """The organisation an attendance label or a presenter's title names, if it names one."""
    if not text or fold(text) in _NOT_ORGS:
        return None
    known = lookup_org(text.split("/")[0].strip(), fuzzy=True)
    if known:
        return Mention(name=known.name, kind="Organisation", line=line, quote=quote,
                       aliases=[text] if fold(text) != fold(known.name) else [])
    mentions = find_mentions(text, line, Context())
    found = [m for m in mentions if m.kind == "Organisation"]
    if found:
        return found[0]
    # "Omsorgsnämnden" beside a name: the political body the member sits for, the same node as the body itself
    whole = [m for m in mentions if m.kind == "Council" and fold(m.name) == fold(text.strip())]
    if whole:
        return whole[0]
    if org_kind == "municipality" and re.fullmatch(r"[A-ZÅÄÖ][\w-]+(?:\s[A-ZÅÄÖ][\w-]+)?", text.strip()):
        # a place in a table's "Kommun" column: the municipality, even one the lexicon does not know
        return Mention(name=f"{text.strip()} kommun", kind="Organisation", line=line, quote=quote, aliases=[text.strip()])
    shape = _before_a_person(text.strip())
    if shape and _ORG_BY_POSITION.fullmatch(shape) and not _JOB_TITLE.match(shape.split()[0]):
        # where an attendance list puts an organisation ("Bosse Hammarlund PRO", "Anna Ek, Medarbetarcentrum"), a
        # name of that shape is one, even when no lexicon knows it
        return Mention(name=shape, kind="Organisation", line=line, quote=quote)
    return None


_JOB_TITLE = re.compile(r"(?i)^[\wåäö-]*(?:chef|direktör|ekonom|sekreterare|samordnare|strateg|ledare|handläggare|"
                        r"utvecklare|controller|konsult|kurator|pedagog|psykolog|sköterska|läkare|ansvarig)$")


def _before_a_person(text: str) -> str:
    """ "Medarbetarcentrum Janne Lundkvist" -> "Medarbetarcentrum": a list that lost its commas ran the next person
    into the organisation; a first name alone or first is nobody's organisation ("" then)."""
    from loaders.lexicon import is_first_name

    words = text.split()
    cut = next((k for k, w in enumerate(words) if is_first_name(w)), len(words))
    return " ".join(words[:cut])


def _document_node(b: FragmentBuilder, doc_kind: str, lines: list[str], **props) -> str:
    first = next((line for line in lines if line.strip()), b.document)
    return b.node(entity_id("Document", b.document), "Document", b.document, 1, first, doc_kind=doc_kind, **props)


def _person(b: FragmentBuilder, people: _People, name: str, line: int, quote: str) -> str | None:
    full, candidates = people.resolve(name)
    if full is None and candidates:
        b.warn(line, f"förnamnet '{name}' kan avse flera personer ({', '.join(candidates)}): lämnas olöst")
        return None
    if full is None:
        # a first name the document never writes in full ("Per presenterade …"): kept as written;
        # entity resolution may join it to the one member of the body with that first name
        b.warn(line, f"'{name}' nämns bara med förnamn i dokumentet")
        return b.node(entity_id("Person", name), "Person", name, line, quote, first_name_only=True)
    aliases = [name] if full != name and len(name.split()) >= 2 else []
    return b.node(entity_id("Person", full), "Person", full, line, quote, aliases=aliases)


def _mention_node(b: FragmentBuilder, people: _People, mention: Mention) -> str | None:
    if mention.kind == "Person":
        return _person(b, people, mention.name, mention.line, mention.quote)
    return b.entity(mention)


def _date_after(record: MinutesRecord) -> str | None:
    """For an undated meeting: the latest date the text proves it is after."""
    dates = [record.previous_minutes] if record.previous_minutes else []
    dates += record.past_dates
    for item in record.items:
        dates += [d.date for d in item.decisions if d.status == "reported" and d.date]
        dates += [c.date for c in item.commissions if c.date]
    return max(dates) if dates else None


def minutes_fragment(document: str, record: MinutesRecord, lines: list[str], **doc_props) -> Fragment:
    b = FragmentBuilder(document, "minutes")
    doc_id = _document_node(b, "minutes", lines, **doc_props)
    for line, message in record.warnings:
        b.warn(line, message)
    names = [a.name for a in record.attendees if a.entity == "person"]
    names += [p.name for item in record.items for p in item.presenters]
    names += [m.name for item in record.items for c in item.commissions for m in c.mandatees if m.kind == "Person"]
    listed = [a.name for a in record.attendees if a.entity == "person"]
    people = _People(names, listed, [g for g in record.aliases if any(fold(n) in {fold(x) for x in listed} for n in g)])

    body_id = b.entity(record.body) if record.body else None
    body_name = record.body.name if record.body else None
    date = record.date
    header_line = record.body.line if record.body else 1
    header_quote = record.body.quote if record.body else (lines[0] if lines else document)
    meeting_id = b.node(
        item_id("Meeting", document),
        "Meeting",
        f"{body_name or 'Möte'} {date or '(datum saknas)'}",
        record.date_line or header_line,
        lines[record.date_line - 1] if record.date_line and record.date_line <= len(lines) else header_quote,
        date=date,
        date_after=None if date else _date_after(record),
        notes_date=record.notes_date,
        time=record.time,
        place=record.place,
        diarienummer=record.diarienummer,
        previous_minutes=record.previous_minutes,
        document=document,
        body=body_name,
    )
    b.edge(EdgeType.FROM_DOCUMENT, meeting_id, doc_id, header_line, header_quote)
    if body_id:
        b.edge(EdgeType.HELD_BY, meeting_id, body_id, header_line, header_quote)
        if (part_of := board_of(record.body)) is not None:
            _relation(b, people, part_of)
        owner = record.owner
        if owner is not None and record.body.kind != "Organisation" and fold(owner.name) != fold(record.body.name):
            # "NORDMALINGS KOMMUN / FOLKHÄLSORÅD": the body belongs to the municipality whose letterhead it uses
            _relation(b, people, RelationRecord(type="PART_OF", source=record.body, target=owner, line=owner.line,
                                                quote=owner.quote, props={"basis": "letterhead"}))
    _attendance(b, people, record, meeting_id, body_id, date)
    _spelling_aliases(b, people)
    for index, item in enumerate(record.items):
        _item(b, people, record, item, index, meeting_id, body_id, body_name, date)
    b.declare_aliases(record.aliases)
    _first_name_aliases(b, people, lines)
    b.fragment.reading, b.fragment.problems = reading_status(record)
    return b.done()


_WORD = re.compile(r"[^\W\d_][\w-]*")


def _first_name_aliases(b: FragmentBuilder, people: _People, lines: list[str]) -> None:
    """A first name the document also uses alone ("Tekla är sekreterare", "Josefin skriver …") is an
    alias of the one person in it with that first name."""
    by_first: dict[str, list[str]] = {}
    for key, name in people.full.items():
        by_first.setdefault(key.split()[0], []).append(name)
    if not by_first:
        return
    alone: set[str] = set()
    for line in lines:
        words = _WORD.findall(line)
        for k, word in enumerate(words):
            key = fold(word)
            if key in by_first and word[:1].isupper():
                nxt = words[k + 1] if k + 1 < len(words) else ""
                if not (nxt[:1].isupper() and fold(f"{word} {nxt}") in {" ".join(fold(n).split()[:2]) for n in
                                                                          by_first[key]}):
                    alone.add(key)
    for key in alone:
        names = by_first[key]
        if len(names) != 1:
            continue
        node = b._nodes.get(entity_id("Person", names[0]))
        first = names[0].split()[0]
        if node is not None and first not in node.aliases:
            node.aliases.append(first)


def _attendance(b, people, record, meeting_id, body_id, date) -> None:
    for a in record.attendees:
        if a.entity == "organisation":
            org = _org_mention(a.name, a.line, a.quote) or Mention(name=a.name, kind="Organisation", line=a.line,
                                                                   quote=a.quote)
            if body_id:
                b.edge(EdgeType.MEMBER_OF, b.entity(org), body_id, a.line, a.quote, discriminator=b.document,
                       date=date, presence=None if a.presence == "present" else a.presence)
            else:
                b.entity(org)
            continue
        person = _person(b, people, a.name, a.line, a.quote)
        if person is None:
            continue
        if a.presence == "present":
            b.edge(EdgeType.ATTENDED, person, meeting_id, a.line, a.quote,
                   organisation=a.organisation, role=a.role, title=a.title, party=a.party)
        if body_id:
            # absent and invited members are members too ("Frånvarande", "Kallade")
            b.edge(EdgeType.MEMBER_OF, person, body_id, a.line, a.quote, discriminator=b.document,
                   role=a.role, organisation=a.organisation, date=date, valid_from=date, party=a.party,
                   presence=None if a.presence == "present" else a.presence)
        org = _org_mention(a.organisation, a.line, a.quote, a.org_kind)
        if org is None and a.title:
            org = _org_mention(a.title, a.line, a.quote)
        if org is not None:
            b.edge(EdgeType.AFFILIATED_WITH, person, b.entity(org), a.line, a.quote, discriminator=b.document,
                   title=a.title, date=date)


def _item(b, people, record, item, index, meeting_id, body_id, body_name, date) -> None:
    number = item.number  # "" for text without agenda items: the decisions then have no item label
    if not number and not item.title:
        label = "(text utan punkter)"
    elif number == item.title or not number:
        label = item.title
    else:
        label = f"{number}. {item.title}"
    item_node = b.node(
        item_id("AgendaItem", b.document, number or "-", str(index)),
        "AgendaItem",
        label,
        item.line,
        item.quote,
        number=number,
        title=item.title,
        type=item.type,
        attachments=item.attachments or None,
        document=b.document,
        meeting=meeting_id,
        date=date,
        end_line=item.end_line,
    )
    b.edge(EdgeType.HAS_ITEM, meeting_id, item_node, item.line, item.quote)
    for p in item.presenters:
        person = _person(b, people, p.name, p.line, p.quote)
        if person is None:
            continue
        b.edge(EdgeType.PRESENTED, person, item_node, p.line, p.quote, title=p.title)
        org = _org_mention(p.organisation, p.line, p.quote) or _org_mention(p.title, p.line, p.quote)
        if org is not None:
            b.edge(EdgeType.AFFILIATED_WITH, person, b.entity(org), p.line, p.quote, discriminator=b.document,
                   title=p.title, date=date)

    concerns: dict[str, Mention] = {}
    for m in item.mentions:
        if m.kind in _CONCERN_KINDS:
            node = b.entity(m)
            if node != body_id:
                concerns.setdefault(node, m)
    for node, m in concerns.items():
        b.edge(EdgeType.CONCERNS, item_node, node, m.line, m.quote)

    decision_ids: list[str] = []
    for d_index, d in enumerate(item.decisions):
        decided_by = b.entity(d.body) if d.body else body_id
        d_date = date if d.status == "taken" else d.date
        decision = b.node(
            item_id("Decision", b.document, number, str(index), str(d_index)),
            "Decision",
            _quote(d.text)[:120],
            d.line,
            d.quote,
            status=d.status,
            text=d.text,
            item=number,
            date=d_date,
            document=b.document,
            meeting=meeting_id,
            body=d.body.name if d.body else body_name,
        )
        decision_ids.append(decision)
        b.edge(EdgeType.HAS_DECISION, item_node, decision, d.line, d.quote)
        if decided_by:
            b.edge(EdgeType.DECIDED_BY, decision, decided_by, d.line, d.quote, date=d_date)
        folded = fold(d.text)
        for node, m in concerns.items():
            if fold(m.name) in folded or any(fold(a) in folded for a in m.aliases):
                b.edge(EdgeType.CONCERNS, decision, node, d.line, d.quote)

    for c_index, c in enumerate(item.commissions):
        mandator = b.entity(c.mandator) if c.mandator else body_id
        by_meeting = mandator is None
        if by_meeting:  # the minutes never name their body: the meeting gave the task (resolve may name its body)
            b.warn(c.line, f"uppdrag utan namngivet organ, sparas som mötets: {c.task[:60]}")
            mandator = meeting_id
        decision = decision_ids[c.decision_index] if c.decision_index is not None and c.decision_index < len(
            decision_ids) else None
        for target in c.mandatees:
            mandatee = _mention_node(b, people, target)
            if mandatee is None:
                continue
            b.edge(EdgeType.COMMISSIONS, mandator, mandatee, c.line, c.quote,
                   discriminator=f"{b.document}#{number}#{index}#{c_index}",
                   date=c.date, task=c.task, decision=decision, item=number, document=b.document,
                   meeting=meeting_id, **({"mandator": "meeting"} if by_meeting else {}))

    for f_index, f in enumerate(item.funding):
        funding = b.node(
            item_id("Funding", b.document, number, str(index), str(f_index)),
            "Funding",
            f"{f.amount_sek:,} kr".replace(",", " ") + (f" ({f.year})" if f.year else ""),
            f.line,
            f.quote,
            amount_sek=f.amount_sek,
            year=f.year,
            document=b.document,
            item=number,
            date=date,
        )
        b.edge(EdgeType.CONCERNS, item_node, funding, f.line, f.quote)
        funder = b.entity(f.funder) if f.funder else None
        recipient = _mention_node(b, people, f.recipient) if f.recipient else None
        if funder:
            b.edge(EdgeType.FUNDS, funder, funding, f.line, f.quote, amount_sek=f.amount_sek, year=f.year)
        if recipient:
            b.edge(EdgeType.FUNDS, funding, recipient, f.line, f.quote, amount_sek=f.amount_sek, year=f.year)
            if funder:
                b.edge(EdgeType.FUNDS, funder, recipient, f.line, f.quote, discriminator=funding,
                       amount_sek=f.amount_sek, year=f.year, funding=funding)

    for r in item.relations:
        _relation(b, people, r, meeting_id)


def _relation(b: FragmentBuilder, people: _People, r, meeting_id: str | None = None) -> None:
    """One relation; an end that is "the meeting's body" when the minutes never name it is the meeting,
    marked ``via_meeting`` so that resolve can put the body there once a series names it."""
    ends = []
    for mention in (r.source, r.target):
        if mention.kind == "Meeting":
            ends.append(meeting_id)
        else:
            ends.append(_mention_node(b, people, mention))
    source, target = ends
    props = dict(r.props)
    if "Meeting" in (r.source.kind, r.target.kind):
        props["via_meeting"] = "source" if r.source.kind == "Meeting" else "target"
    if source and target:
        b.edge(EdgeType(r.type), source, target, r.line, r.quote, **props)


def mandate_fragment(document: str, record: MandateRecord, lines: list[str], **doc_props) -> Fragment:
    b = FragmentBuilder(document, "mandate")
    doc_id = _document_node(b, "mandate", lines, title=record.title, decided=record.decided,
                            valid_to=record.valid_to, **doc_props)
    for line, message in record.warnings:
        b.warn(line, message)
    people = _People([m.name for m in record.mentions if m.kind == "Person"]
                     + [m.name for c in record.commissions for m in c.mandatees if m.kind == "Person"])
    subject = None
    if record.subject is not None:
        s = record.subject
        subject = b.entity(s)
        node = b._nodes[subject]
        for key, value in (("purpose", record.purpose), ("goals", record.goals or None),
                           ("composition", record.composition), ("decided", record.decided),
                           ("valid_from", record.valid_from), ("valid_to", record.valid_to),
                           ("mandate_document", document)):
            if value is not None:
                node.props[key] = value
        b.edge(EdgeType.FROM_DOCUMENT, subject, doc_id, s.line, s.quote)
    for m in record.mentions:
        if m.kind in _CONCERN_KINDS:
            b.edge(EdgeType.CONCERNS, doc_id, b.entity(m), m.line, m.quote)
    for r in record.relations:
        _relation(b, people, r)
    for c_index, c in enumerate(record.commissions):
        mandator = b.entity(c.mandator) if c.mandator else None
        if mandator is None:
            b.warn(c.line, f"uppdrag utan uppdragsgivare: {c.task[:60]}")
            continue
        for target in c.mandatees:
            mandatee = _mention_node(b, people, target)
            if mandatee:
                b.edge(EdgeType.COMMISSIONS, mandator, mandatee, c.line, c.quote,
                       discriminator=f"{document}#mandate#{c_index}",
                       date=c.date or record.decided, task=c.task, document=document)
    for f_index, f in enumerate(record.funding):
        funder = b.entity(f.funder) if f.funder else None
        recipient = _mention_node(b, people, f.recipient) if f.recipient else subject
        if f.amount_sek:
            funding = b.node(item_id("Funding", document, "mandate", str(f_index)), "Funding",
                             f"{f.amount_sek:,} kr".replace(",", " "), f.line, f.quote,
                             amount_sek=f.amount_sek, year=f.year, document=document)
            if recipient:
                b.edge(EdgeType.FUNDS, funding, recipient, f.line, f.quote, amount_sek=f.amount_sek, year=f.year)
        if funder and recipient:
            b.edge(EdgeType.FUNDS, funder, recipient, f.line, f.quote, discriminator=f"{document}#{f_index}",
                   amount_sek=f.amount_sek or None, year=f.year)
    for d_index, d in enumerate(record.decisions):
        decision = b.node(item_id("Decision", document, "mandate", str(d_index)), "Decision", _quote(d.text)[:120],
                          d.line, d.quote, status=d.status, text=d.text, item="", date=d.date, document=document,
                          body=d.body.name if d.body else None)
        b.edge(EdgeType.FROM_DOCUMENT, decision, doc_id, d.line, d.quote)
        if d.body:
            b.edge(EdgeType.DECIDED_BY, decision, b.entity(d.body), d.line, d.quote, date=d.date)
        if subject:
            b.edge(EdgeType.CONCERNS, decision, subject, d.line, d.quote)
    b.fragment.reading, b.fragment.problems = reading_status(record)
    b.declare_aliases(record.aliases)
    return b.done()
