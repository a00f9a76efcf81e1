"""Ingest of the real seed documents, checked against ../shared/eval/seeds_gold.yaml.

The seeds hold real names, so nothing of their text is written here: the names, dates and sums
come from the gold file and the seed files at run time, and tests refer to gold entries by their
position. Skipped when the seeds (or the gold file) are not on this machine.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import provenance_problems, store_lines

from graph.store import EmbeddedStore
from loaders.pipeline import ingest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds_gold.yaml"


def _load_gold() -> dict:
    if not GOLD.exists():
        return {}
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load(GOLD.read_text(encoding="utf-8")) or {}


GOLD_DATA = _load_gold()
MINUTES = sorted(doc for doc, want in GOLD_DATA.get("documents", {}).items() if want.get("kind") == "minutes")


def _norm(text) -> str:
    return " ".join(str(text or "").casefold().split())


class Seeds:
    def __init__(self, store_dir: Path, report):
        self.store_dir = store_dir
        self.store = EmbeddedStore(store_dir)
        self.report = report
        self.graph = json.loads(self.store.graph_path.read_text(encoding="utf-8"))
        self.nodes = {n["id"]: n for n in self.graph["nodes"]}

    def named(self, name: str, kinds=None) -> set[str]:
        want = _norm(name)
        return {
            n["id"]
            for n in self.graph["nodes"]
            if (kinds is None or n["kind"] in kinds)
            and want in {_norm(x) for x in (n["name"], *n["aliases"])}
        }

    def meeting(self, doc: str) -> dict:
        (meeting,) = [
            n for n in self.graph["nodes"] if n["kind"] == "Meeting" and n["props"].get("document") == doc
        ]
        return meeting

    def edges(self, type_: str) -> list[dict]:
        return [e for e in self.graph["edges"] if e["type"] == type_]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> Seeds:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    if not GOLD_DATA:
        pytest.skip(f"the seed gold file is not at {GOLD}")
    store_dir = tmp_path_factory.mktemp("seeds") / "store"
    report = ingest([SEEDS], EmbeddedStore(store_dir))
    return Seeds(store_dir, report)


def test_every_seed_loads_as_its_kind(seeds):
    assert seeds.report.failed == []
    registry = seeds.store.registry().files
    assert GOLD_DATA["documents"]
    for doc, want in GOLD_DATA["documents"].items():
        assert registry[doc].status == "loaded"
        assert registry[doc].doc_kind == want["kind"], doc


def test_reingest_of_the_seeds_is_unchanged(seeds):
    before = seeds.store.graph_path.read_bytes()
    again = ingest([SEEDS], seeds.store)
    assert {f.status for f in again.files} == {"unchanged"}
    assert seeds.store.graph_path.read_bytes() == before


@pytest.mark.parametrize("doc", MINUTES)
def test_meeting_date(seeds, doc):
    want = GOLD_DATA["documents"][doc]
    meeting = seeds.meeting(doc)
    assert meeting["props"].get("date") == (str(want["date"]) if want.get("date") else None)


def test_the_meeting_date_is_not_the_date_of_the_notes(seeds):
    """001 has "Datum: <notes date>" above the meeting's own date; the meeting keeps its own."""
    doc = "001_db444f64db1e8be6.txt"
    if doc not in GOLD_DATA["documents"]:
        pytest.skip(f"{doc} is not in the gold file")
    text = (SEEDS / doc).read_text(encoding="utf-8", errors="replace")
    iso = [m[1] for m in re.finditer(r"(?m)^Datum:\s*(\d{4}-\d\d-\d\d)\s*$", text)]
    assert iso, "the seed has no ISO 'Datum:' line any more"
    meeting = seeds.meeting(doc)
    assert meeting["props"]["date"] == str(GOLD_DATA["documents"][doc]["date"])
    assert meeting["props"]["date"] not in iso
    assert meeting["props"].get("notes_date") == iso[0]


def test_an_undated_meeting_has_date_null(seeds):
    undated = [doc for doc in MINUTES if GOLD_DATA["documents"][doc].get("date") is None]
    assert undated, "the gold file has no undated meeting"
    for doc in undated:
        meeting = seeds.meeting(doc)
        assert meeting["props"].get("date") is None
        assert "datum saknas" in meeting["name"]


def test_date_after_of_the_undated_meeting(seeds):
    """Regression: date_after once took the latest date found rather than the one the gold file names."""
    checked = 0
    for doc in MINUTES:
        want = GOLD_DATA["documents"][doc]
        if want.get("date") is None and want.get("date_after"):
            assert seeds.meeting(doc)["props"].get("date_after") == str(want["date_after"])
            checked += 1
    assert checked, "the gold file names no date_after of an undated meeting"


@pytest.mark.parametrize("doc", MINUTES)
def test_previous_minutes_and_body(seeds, doc):
    want = GOLD_DATA["documents"][doc]
    meeting = seeds.meeting(doc)
    if want.get("previous_minutes"):
        assert meeting["props"].get("previous_minutes") == str(want["previous_minutes"])
    held_by = [seeds.nodes[e["target"]] for e in seeds.edges("HELD_BY") if e["source"] == meeting["id"]]
    assert [_norm(n["name"]) for n in held_by] == [_norm(want["body"])]


def _group_of(name: str) -> dict:
    return next(g for g in GOLD_DATA["groups"] if _norm(g["names"][0]) == _norm(name))


def test_the_network_and_its_acronym_are_one_node(seeds):
    """The body of 001 (a network) and the acronym the seeds also use for it."""
    group = _group_of(GOLD_DATA["documents"]["001_db444f64db1e8be6.txt"]["body"])
    found = [seeds.named(name, [group["kind"]]) for name in group["names"]]
    assert len(set().union(*found)) == 1, found
    assert sum(1 for ids in found if ids) >= 2  # the full name and the acronym at least


def test_steering_group_spellings_are_one_node(seeds):
    body = GOLD_DATA["documents"]["001_db444f64db1e8be6.txt"]["body"]
    group = _group_of(f"Styrgruppen för {body}")
    found = [seeds.named(name, ["SteeringGroup"]) for name in group["names"]]
    assert len(set().union(*found)) == 1, found
    (node_id,) = set().union(*found)
    assert seeds.nodes[node_id]["name"] == group["names"][0]


def test_council_typos_are_one_node(seeds):
    group = _group_of(GOLD_DATA["documents"]["003_b4eaa3d42f7e7c54.txt"]["body"])
    found = [seeds.named(name, [group["kind"]]) for name in group["names"]]
    assert len(set().union(*found)) == 1, found


def test_every_gold_group_is_at_most_one_node(seeds):
    """Every spelling of a gold group that the graph holds is on one node."""
    split = []
    for group in GOLD_DATA["groups"]:
        ids = set().union(*(seeds.named(name, [group["kind"]]) for name in group["names"]))
        if len(ids) > 1:
            split.append(sorted(ids))
    assert split == []


@pytest.mark.parametrize("index", range(len(GOLD_DATA.get("person_clusters", []))))
def test_person_spellings_are_one_person(seeds, index):
    cluster = GOLD_DATA["person_clusters"][index]
    assert len(cluster) >= 2, f"cluster {index} names one spelling only"
    found = [seeds.named(name, ["Person"]) for name in cluster]
    assert all(found), f"cluster {index}: a spelling is missing"
    assert len(set().union(*found)) == 1, f"cluster {index} is split: {found}"


@pytest.mark.parametrize("index", range(len(GOLD_DATA.get("distinct_people", []))))
def test_different_people_stay_apart(seeds, index):
    one, other = (seeds.named(name, ["Person"]) for name in GOLD_DATA["distinct_people"][index])
    assert one and other, f"pair {index}: a person is missing"
    assert not one & other, f"pair {index} is merged"


@pytest.mark.parametrize(
    "index", [i for i, s in enumerate(GOLD_DATA.get("structure", [])) if s["type"] == "PART_OF"]
)
def test_part_of(seeds, index):
    """Among them: RSS <county> PART_OF Region <county>, derived from the names."""
    want = GOLD_DATA["structure"][index]
    sources, targets = seeds.named(want["from"]), seeds.named(want["to"])
    assert sources and targets
    assert any(e["source"] in sources and e["target"] in targets for e in seeds.edges("PART_OF"))


def test_funding_amount_and_year(seeds):
    entries = [f for f in GOLD_DATA["funding"] if f.get("amount_sek")]
    assert entries
    for want in entries:
        funding = [
            n
            for n in seeds.graph["nodes"]
            if n["kind"] == "Funding"
            and n["props"].get("amount_sek") == want["amount_sek"]
            and n["props"].get("document") == want["file"]
        ]
        assert len(funding) == 1
        assert funding[0]["props"].get("year") == want.get("year")
        funders, recipients = seeds.named(want["from"]), seeds.named(want["to"])
        funds = {(e["source"], e["target"]) for e in seeds.edges("FUNDS")}
        assert any((f, funding[0]["id"]) in funds for f in funders)
        assert any((funding[0]["id"], r) in funds for r in recipients)
        # the sum is at its line in the seed, as the source says
        assert provenance_problems({"nodes": funding, "edges": []}, store_lines(seeds.store_dir)) == []


def test_facts_of_the_seed_minutes_are_at_their_lines(seeds):
    problems = provenance_problems(seeds.graph, store_lines(seeds.store_dir), documents=set(MINUTES))
    assert problems == []
