"""A synthetic county-scale graph, the same for every run (fixed seed), for the benchmarks.

Default size: 200 groups, 5,000 people, 2,000 meetings of about ten items each, 50,000 decisions,
with HELD_BY, HAS_ITEM, HAS_DECISION, DECIDED_BY, ATTENDED, PRESENTED, MEMBER_OF, AFFILIATED_WITH,
COMMISSIONS, STEERS, REPORTS_TO, PART_OF, CONCERNS and FUNDS edges. Every name is generated.

    python benchmarks/synthetic.py --json > graph.json   # the graph as export --format json
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.models import Edge, GraphData, Node, Source

__all__ = ["Scale", "synthetic_graph"]

_SYLLABLES = [
    "berg",
    "dal",
    "ås",
    "sjö",
    "by",
    "torp",
    "holm",
    "vik",
    "lund",
    "näs",
    "fors",
    "hed",
    "mo",
    "ö",
]
_FIRST = [
    "Anna",
    "Erik",
    "Karin",
    "Lars",
    "Maria",
    "Per",
    "Eva",
    "Johan",
    "Sara",
    "Olof",
    "Lena",
    "Nils",
    "Ida",
]
_LAST_A = ["Ek", "Björk", "Gran", "Lind", "Ask", "Rön", "Al", "Berg", "Sten", "Sjö", "Dal", "Holm"]
_LAST_B = ["lund", "gren", "qvist", "ström", "man", "berg", "dahl", "ling", "vall", "sten"]
_TOPIC_A = [
    "hem",
    "barn",
    "äldre",
    "psyk",
    "rehab",
    "demens",
    "beroende",
    "digital",
    "nära",
    "akut",
    "skol",
    "familje",
]
_TOPIC_B = [
    "vård",
    "hälsa",
    "omsorg",
    "stöd",
    "sjukvård",
    "samverkan",
    "prevention",
    "insatser",
    "rutin",
    "plan",
]
_TOPIC_C = ["avtalet", "överenskommelsen", "satsningen", "reformen", "projektet", "modellen", "strategin"]
_GENERIC = [
    "att lägga informationen till handlingarna",
    "att godkänna dagordningen",
    "att lägga minnesanteckningarna till handlingarna",
    "att öppna mötet",
]
_GROUP_KINDS = [
    ("Network", 10),
    ("SteeringGroup", 30),
    ("ProcessGroup", 60),
    ("ProgramArea", 50),
    ("WorkingGroup", 49),
    ("Council", 1),
]


@dataclass(frozen=True)
class Scale:
    groups: int = 200
    people: int = 5000
    meetings: int = 2000
    items_per_meeting: int = 10
    decisions: int = 50000
    topics: int = 300
    municipalities: int = 20
    seed: int = 20240611


def _place(rng: random.Random) -> str:
    return (rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES)).capitalize()


def synthetic_graph(scale: Scale = Scale()) -> GraphData:
    rng = random.Random(scale.seed)
    nodes: list[Node] = []
    edges: list[Edge] = []

    def src(doc: str, line: int, quote: str) -> list[Source]:
        return [Source(document=doc, line=line, quote=quote)]

    def add(id_: str, kind: str, name: str, doc: str = "struktur.txt", line: int = 1, **props) -> str:
        nodes.append(Node(id=id_, kind=kind, name=name, props=props, sources=src(doc, line, name)))
        return id_

    def link(s: str, t: str, type_: str, doc: str = "struktur.txt", line: int = 1, **props) -> None:
        edges.append(Edge(source=s, target=t, type=type_, props=props, sources=src(doc, line, type_)))

    # organisations
    municipalities = []
    seen_places: set[str] = set()
    while len(municipalities) < scale.municipalities:
        place = _place(rng)
        if place in seen_places:
            continue
        seen_places.add(place)
        municipalities.append(
            add(f"org:m{len(municipalities)}", "Organisation", f"{place} kommun", org_type="municipality")
        )
    region = add("org:region", "Organisation", "Region Syntet", org_type="region")
    orgs = [*municipalities, region]
    names_of = {n.id: n.name for n in nodes}

    # groups: a council, networks under it, steering groups of networks, process groups under those
    groups: dict[str, list[str]] = {}
    counter = 0
    for kind, count in _GROUP_KINDS:
        groups[kind] = []
        for k in range(count):
            counter += 1
            name = f"{ {'Network': 'Nätverket', 'SteeringGroup': 'Styrgruppen', 'ProcessGroup': 'Processgrupp', 'ProgramArea': 'LPO', 'WorkingGroup': 'Arbetsgrupp', 'Council': 'Rådet'}[kind] } {_place(rng)} {k + 1}"
            groups[kind].append(
                add(f"group:{counter}", kind, name, purpose=f"samordna {rng.choice(_TOPIC_B)}")
            )
    council = groups["Council"][0]
    for net in groups["Network"]:
        link(net, council, "REPORTS_TO")
    for k, sg in enumerate(groups["SteeringGroup"]):
        net = groups["Network"][k % len(groups["Network"])]
        link(sg, net, "PART_OF")
        link(
            net,
            sg,
            "COMMISSIONS",
            date=f"{rng.randint(2019, 2024)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        )
    for pg in groups["ProcessGroup"] + groups["ProgramArea"]:
        sg = rng.choice(groups["SteeringGroup"])
        link(sg, pg, "STEERS")
        if rng.random() < 0.8:
            link(pg, sg, "REPORTS_TO")
        if rng.random() < 0.7:
            link(
                sg,
                pg,
                "COMMISSIONS",
                date=f"{rng.randint(2020, 2025)}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
            )
    for wg in groups["WorkingGroup"]:
        parent = rng.choice(groups["ProcessGroup"] + groups["SteeringGroup"])
        if rng.random() < 0.6:
            link(parent, wg, "COMMISSIONS", task="ta fram ett underlag")
    all_groups = [g for kind in groups.values() for g in kind]
    names_of.update({n.id: n.name for n in nodes})

    # topics: agreements and initiatives that items concern and that fund groups
    topics = []
    for k in range(scale.topics):
        name = f"{rng.choice(_TOPIC_A)}{rng.choice(_TOPIC_B)}s{rng.choice(_TOPIC_C)} {k}".capitalize()
        kind = "Agreement" if k % 2 == 0 else "Initiative"
        topics.append(add(f"topic:{k}", kind, name))
        names_of[topics[-1]] = name
    for k in range(400):
        link(
            rng.choice(topics[::2]),
            rng.choice(all_groups),
            "FUNDS",
            amount_sek=rng.randint(1, 200) * 10000,
            year=2020 + k % 6,
        )

    # people
    people = []
    org_of: dict[str, str] = {}
    for k in range(scale.people):
        name = f"{rng.choice(_FIRST)} {rng.choice(_LAST_A)}{rng.choice(_LAST_B)} {k}"
        people.append(add(f"person:{k}", "Person", name))
        org_of[people[-1]] = rng.choice(orgs)
        link(people[-1], org_of[people[-1]], "AFFILIATED_WITH", title="utvecklingsledare")
    # each group has a pool of regulars (6 named as members) who make up most of its meetings
    pools: dict[str, list[str]] = {}
    for group in all_groups:
        pools[group] = rng.sample(people, rng.randint(15, 40))
        for person in pools[group][:6]:
            link(person, group, "MEMBER_OF", organisation=names_of[org_of[person]])

    # meetings, items, decisions
    start = date(2020, 1, 1)
    per_item = scale.decisions / (scale.meetings * scale.items_per_meeting)
    decision_count = 0
    for m in range(scale.meetings):
        doc = f"protokoll_{m:05d}.txt"
        body = rng.choice(all_groups)
        day = start + timedelta(days=rng.randint(0, 6 * 365))
        undated = rng.random() < 0.05
        meeting = add(
            f"meeting:{m}",
            "Meeting",
            f"Möte {m}",
            doc=doc,
            date=None if undated else day.isoformat(),
            document=doc,
        )
        link(meeting, body, "HELD_BY", doc=doc)
        pool = pools[body]
        present = rng.sample(pool, min(len(pool), 12)) + rng.sample(people, 2)  # regulars and two guests
        for person in dict.fromkeys(present):
            link(person, meeting, "ATTENDED", doc=doc, line=5, organisation=names_of[org_of[person]])
        for i in range(scale.items_per_meeting):
            line = 20 + i * 30
            topic = rng.choice(topics)
            title = f"Information: {names_of[topic]} – {rng.choice(_TOPIC_B)} och {rng.choice(_TOPIC_B)}"
            if rng.random() < 0.3:
                title = rng.choice(["Mötets öppnande", "Godkännande av dagordning", "Övriga frågor"])
            item = add(
                f"item:{m}:{i}", "AgendaItem", title, doc=doc, line=line, number=str(i + 1), title=title
            )
            link(meeting, item, "HAS_ITEM", doc=doc, line=line)
            if not title.startswith(("Mötets", "Godkännande", "Övriga")):
                link(item, topic, "CONCERNS", doc=doc, line=line)
            if rng.random() < 0.3:
                link(rng.choice(people), item, "PRESENTED", doc=doc, line=line + 1)
            n_dec = int(per_item) + (1 if rng.random() < per_item - int(per_item) else 0)
            for d in range(n_dec):
                dline = line + 5 + d
                reported = rng.random() < 0.1
                if rng.random() < 0.5:
                    text = rng.choice(_GENERIC)
                else:
                    text = f"att anta förslaget om {names_of[topic].lower()} och {rng.choice(_TOPIC_B)}"
                props = {"status": "reported" if reported else "taken", "text": text, "item": str(i + 1)}
                if reported:
                    props["date"] = (day - timedelta(days=rng.randint(10, 300))).isoformat()
                dec = add(f"decision:{m}:{i}:{d}", "Decision", text[:60], doc=doc, line=dline, **props)
                link(item, dec, "HAS_DECISION", doc=doc, line=dline)
                link(dec, rng.choice(all_groups) if reported else body, "DECIDED_BY", doc=doc, line=dline)
                decision_count += 1
                if rng.random() < 0.03:
                    link(body, rng.choice(people + all_groups), "COMMISSIONS", doc=doc, line=dline,
                         date=None if undated else day.isoformat(), task=text, decision=dec)  # fmt: skip
    return GraphData(nodes=nodes, edges=edges)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print the graph as JSON")
    parser.add_argument("--seed", type=int, default=Scale.seed)
    args = parser.parse_args()
    graph = synthetic_graph(Scale(seed=args.seed))
    if args.json:
        sys.stdout.write(graph.model_dump_json())
    else:
        print(f"{len(graph.nodes)} nodes, {len(graph.edges)} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
