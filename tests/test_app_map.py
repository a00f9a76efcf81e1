"""The map's selection and its pyvis page (escaping, offline, size), the upload names, Markdown escaping."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from browser.corpus import IMG_NAME, SCRIPT_NAME

from graph.kinds import KINDS
from graph.models import Edge, Node, Source
from graph.store import EmbeddedStore
from views.common import EDGE_LABELS, KIND_LABELS, md
from views.graphmap import EDGE_COLORS, MapFilter, legend_html, map_payload, network_html, select, tooltip
from views.maplayout import TIER_WIDTH
from views.mapwidget import new_event
from views.uploads import UploadRejected, safe_upload_name, save_upload

ALL_KINDS = tuple(KIND_LABELS)
ALL_TYPES = tuple(EDGE_LABELS)


def n(id_: str, kind: str, name: str | None = None, **props) -> Node:
    return Node(
        id=id_,
        kind=kind,
        name=name or id_,
        props=props,
        sources=[Source(document="a.txt", line=1, quote="q")],
    )


def e(s: str, t: str, etype: str, **props) -> Edge:
    return Edge(source=s, target=t, type=etype, props=props, key=f"{etype}|{s}|{t}|")


@pytest.fixture
def small():
    nodes = [
        n("net", "Network"),
        n("sg", "SteeringGroup"),
        n("pg", "ProcessGroup"),
        n("m1", "Meeting", date="2025-02-14"),
        n("m2", "Meeting", date="2025-11-21"),
        n("d2", "Decision", date="2025-11-21"),
        n("p", "Person"),
    ]
    edges = [
        e("sg", "net", "PART_OF"),
        e("sg", "pg", "STEERS", date="2025-04-11"),
        e("m1", "net", "HELD_BY"),
        e("m2", "sg", "HELD_BY"),
        e("d2", "sg", "DECIDED_BY"),
        e("p", "m1", "ATTENDED"),
    ]
    return nodes, edges


def ids(nodes) -> set[str]:
    return {x.id for x in nodes}


def test_select_by_kind_and_type(small):
    nodes, edges = small
    got_nodes, got_edges = select(
        nodes, edges, MapFilter(("Network", "SteeringGroup", "ProcessGroup"), ("STEERS",))
    )
    assert ids(got_nodes) == {"net", "sg", "pg"}
    assert [x.type for x in got_edges] == ["STEERS"]


def test_select_by_time_window(small):
    nodes, edges = small
    got_nodes, got_edges = select(nodes, edges, MapFilter(ALL_KINDS, ALL_TYPES, end="2025-03-01"))
    assert "m2" not in ids(got_nodes) and "d2" not in ids(got_nodes)
    assert "STEERS" not in {x.type for x in got_edges}  # dated after the window
    got_nodes, _ = select(nodes, edges, MapFilter(ALL_KINDS, ALL_TYPES, start="2025-06-01"))
    assert "m1" not in ids(got_nodes) and "m2" in ids(got_nodes)


def test_select_neighbourhood_of_a_focus(small):
    nodes, edges = small
    one, _ = select(nodes, edges, MapFilter(ALL_KINDS, ALL_TYPES, focus="pg", depth=1))
    assert ids(one) == {"pg", "sg"}
    two, _ = select(nodes, edges, MapFilter(ALL_KINDS, ALL_TYPES, focus="pg", depth=2))
    assert ids(two) == {"pg", "sg", "net", "m2", "d2"}
    three, _ = select(nodes, edges, MapFilter(ALL_KINDS, ALL_TYPES, focus="pg", depth=3))
    assert ids(three) == {"pg", "sg", "net", "m2", "d2", "m1"}
    hidden_kind, _ = select(nodes, edges, MapFilter(("Network",), ALL_TYPES, focus="pg", depth=1))
    assert ids(hidden_kind) == {"pg"}  # the focused node is shown even when its kind is not chosen


def _data_of(page: str, name: str) -> list:
    match = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert match, name
    return json.loads(match[1])


@pytest.mark.parametrize("hierarchical", [False, True])
def test_network_page_escapes_hostile_names_and_works_offline(hierarchical):
    hostile = [
        n("wg:1", "WorkingGroup", SCRIPT_NAME),
        n("wg:2", "WorkingGroup", IMG_NAME),
        Node(
            id="x</script><b>",
            kind="Person",
            name="a href b",
            sources=[Source(document="d", line=2, quote="<a href='x'>")],
        ),
        n("net", "Network", "Nätverket & co"),
    ]
    edges = [e("wg:1", "net", "REPORTS_TO"), e("x</script><b>", "wg:2", "MEMBER_OF")]
    page = network_html(hostile, edges, KIND_LABELS, EDGE_LABELS, hierarchical=hierarchical)
    for raw in ("<script>alert", "</script><img", "<img src=x", "x</script><b>", "<a href"):
        assert raw not in page
    assert "cdn.jsdelivr" not in page and "https://" not in page.split("<body>")[1]
    assert "tooltip_link" not in page and "popup.innerHTML" not in page  # pyvis's HTML tooltips are off
    nodes = _data_of(page, "nodes")
    # the JSON holds the names exactly: vis-network draws labels on a canvas and sets titles as text
    assert {x["title"].split("\n")[0] for x in nodes} >= {SCRIPT_NAME, IMG_NAME, "Nätverket & co"}
    assert all("href" not in x["title"] for x in nodes)
    edges_out = _data_of(page, "edges")
    if hierarchical:
        assert {(x["from"], x["to"], x["arrows"]) for x in edges_out} == {
            ("net", "wg:1", "from"),
            ("wg:2", "x</script><b>", "from"),
        }


def test_tooltip_breaks_href_only():
    assert tooltip(["a", "HREF b"]) == "a\nHRE\u200bF b"


def synthetic(count: int, seed: int = 3) -> tuple[list[Node], list[Edge]]:
    rng = random.Random(seed)
    kinds = ["Person"] * 6 + ["Meeting", "Organisation", "ProcessGroup", "Network"]
    nodes = [n(f"n{i}", rng.choice(kinds), f"Nod {i} <b>{i}</b>") for i in range(count)]
    edges = [
        e(f"n{i}", f"n{rng.randrange(count)}", rng.choice(ALL_TYPES)) for i in range(count) for _ in range(2)
    ]
    return nodes, edges


@pytest.mark.slow
def test_map_of_2000_nodes_is_drawn_from_fixed_positions():
    """Large maps get positions from views.maplayout and no physics (the time it takes to build the
    page is measured by benchmarks/app_render.py, not asserted here)."""
    nodes, edges = synthetic(2000)
    page = network_html(nodes, edges, KIND_LABELS, EDGE_LABELS)
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page, re.S)[1])
    assert options["physics"] == {"enabled": False}  # positions come from views.maplayout
    assert options["layout"]["improvedLayout"] is False
    drawn = _data_of(page, "nodes")
    assert len(drawn) == 2000 and all("x" in x and "y" in x for x in drawn)
    small = network_html(nodes[:100], edges[:50], KIND_LABELS, EDGE_LABELS)
    small_options = json.loads(re.search(r"var options = (\{.*?\});\n", small, re.S)[1])
    assert small_options["physics"]["stabilization"]["iterations"] <= 300
    assert "network.setOptions({physics: {enabled: false}})" in small  # off once stabilised


def test_upload_names_stay_in_the_uploads_folder(tmp_path):
    # a name made safe carries a hash of the name as uploaded (issue 10: no two names in one file)
    assert safe_upload_name("../../x/.bashrc.txt") == "bashrc~95f972.txt"
    assert safe_upload_name("C:\\Users\\a\\Protokoll 1.DOCX") == "Protokoll_1~470d23.docx"
    assert safe_upload_name("<script>.md") == "script~f75142.md"
    with pytest.raises(UploadRejected):
        safe_upload_name("virus.exe")
    store = EmbeddedStore(tmp_path / "store")
    path = save_upload(store, "../../../etc/passwd.txt", b"hej")
    assert path == store.uploads_dir / "passwd.txt" and path.read_bytes() == b"hej"
    with pytest.raises(UploadRejected, match="tom"):
        save_upload(store, "a.txt", b"")
    with pytest.raises(UploadRejected, match="gränsen"):
        save_upload(store, "a.txt", b"x" * (1024 * 1024 + 1), limit_mb=1)


def test_markdown_escaping():
    assert md("**fet** [länk](javascript:alert(1)) :red[x] $x$ <b>") == (
        r"\*\*fet\*\* \[länk\]\(javascript\:alert\(1\)\) \:red\[x\] \$x\$ \<b\>"
    )
    assert md(None) == "" and md("rad ett\nrad två") == "rad ett rad två"


# --- the map component (views/mapwidget.py, views/map_frontend/) -----------------------------------
FRONTEND = Path(__file__).resolve().parents[1] / "views" / "map_frontend"


def test_the_component_is_offline_and_vis_network_is_pyvis_own_copy():
    import pyvis

    shipped = FRONTEND / "vis-network.min.js"
    original = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    assert shipped.read_bytes() == original.read_bytes()
    for name in ("index.html", "map.js"):
        text = (FRONTEND / name).read_text(encoding="utf-8")
        assert "http://" not in text.replace("http://www.w3.org/2000/svg", "") and "https://" not in text
    page = (FRONTEND / "index.html").read_text(encoding="utf-8")
    assert 'lang="sv"' in page
    script = (FRONTEND / "map.js").read_text(encoding="utf-8")
    assert 'script.src = "./vis-network.min.js"' in script  # loaded from the app's server, after the first picture
    assert "innerHTML" not in script  # every text from the graph goes in as text
    assert "textContent" in script and "createTextNode" in script


def test_the_payload_is_columns_of_data_with_names_as_text(small):
    nodes, edges = small
    nodes = [*nodes, n("wg", "WorkingGroup", SCRIPT_NAME)]
    data = map_payload(nodes, edges, KIND_LABELS, EDGE_LABELS, focus="pg")
    assert data["ids"] == [x.id for x in nodes]
    assert len(data["from"]) == len(data["to"]) == len(data["type"]) == len(data["edge_keys"]) == len(edges)
    assert SCRIPT_NAME.replace(" ", "\n", 0) in {
        data["names"].get(i, label) for i, label in enumerate(data["labels"])
    }
    assert data["kinds"][data["kind"][0]]["label"] == "Nätverk"
    assert data["focus"] == data["ids"].index("pg")
    assert data["layout"] == "physics" and data["x"] is None
    again = map_payload(nodes, edges, KIND_LABELS, EDGE_LABELS, focus="pg")
    assert again["version"] == data["version"]
    assert map_payload(nodes, edges[:-1], KIND_LABELS, EDGE_LABELS, focus="pg")["version"] != data["version"]


def test_the_top_down_view_puts_the_council_first_and_each_network_in_a_column():
    nodes = [
        n("c", "Council", "Rådet"),
        *[n(f"net{i}", "Network", f"Nätverk {i}") for i in range(3)],
        *[n(f"sg{i}", "SteeringGroup", f"Styrgrupp {i}") for i in range(3)],
        *[n(f"pg{i}", "ProcessGroup", f"Processgrupp {i}") for i in range(9)],
        n("wg", "WorkingGroup", "Arbetsgrupp"),
        n("loose", "WorkingGroup", "Lös arbetsgrupp"),
    ]
    edges = [e(f"net{i}", "c", "REPORTS_TO") for i in range(3)]
    edges += [e(f"sg{i}", f"net{i}", "PART_OF") for i in range(3)]
    edges += [e(f"sg{i % 3}", f"pg{i}", "STEERS") for i in range(9)]
    edges += [e("wg", "pg0", "REPORTS_TO")]
    data = map_payload(nodes, edges, KIND_LABELS, EDGE_LABELS, hierarchical=True)
    pos = {i: (x, y) for i, x, y in zip(data["ids"], data["x"], data["y"], strict=True)}
    by_level = lambda prefix: {pos[i][1] for i in pos if i.startswith(prefix)}  # noqa: E731
    assert (
        max(by_level("c")) < min(by_level("net")) < min(by_level("sg")) < min(by_level("pg")) < pos["wg"][1]
    )
    for i in range(3):  # a network's steering group and process groups sit in its column
        column = abs(pos[f"net{i}"][0] - pos[f"sg{i}"][0])
        assert column < 1, (pos[f"net{i}"], pos[f"sg{i}"])
    assert [b["label"] for b in data["bands"]][:5] == ["Råd", "Nätverk", "Styrgrupper", "Processgrupper och LPO",
                                                        "Arbetsgrupper"]  # fmt: skip
    assert data["layout"] == "hierarchy" and data["options"]["physics"] == {"enabled": False}


def test_the_top_down_view_of_200_groups_wraps_into_tiers_a_frame_wide():
    from benchmarks.synthetic import Scale, synthetic_graph

    graph = synthetic_graph(
        Scale(groups=200, people=300, meetings=20, items_per_meeting=2, decisions=40, topics=20)
    )
    groups = [x for x in graph.nodes if KINDS[str(x.kind)].group]
    ids = {x.id for x in groups}
    data = map_payload(groups, [x for x in graph.edges if x.source in ids and x.target in ids], KIND_LABELS,
                       EDGE_LABELS, hierarchical=True)  # fmt: skip
    assert len(data["ids"]) == 200
    assert max(data["x"]) - min(data["x"]) <= TIER_WIDTH + 200  # readable at zoom ~0.9 in a wide frame
    assert all(len(line) <= 20 for label in data["labels"] for line in label.split("\n"))


def test_the_legend_draws_shapes_and_relation_colours():
    legend = legend_html(["Council", "Network", "ProcessGroup"], KIND_LABELS, ["STEERS"], EDGE_LABELS)
    assert "clip-path:polygon(" in legend and "Relationer:" in legend and EDGE_COLORS["STEERS"] in legend
    assert legend.count("clip-path") >= 4  # star, hexagon, triangle, the arrow


def test_a_gesture_is_handled_once():
    seen: dict = {}
    click = {"event": "select", "node": "a", "seq": 1}
    assert new_event(click, seen, "k") == click
    assert new_event(click, seen, "k") is None
    assert new_event({"event": "focus", "node": "a", "seq": 2}, seen, "k")["event"] == "focus"
    assert new_event(None, seen, "k") is None and new_event({"x": 1}, seen, "k") is None
