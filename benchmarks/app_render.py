"""How fast the app answers: the first page, and the map of 2,000 nodes opened by a link.

- First page: ``AppTest`` runs app.py on a store built from examples/docs, in a fresh Python
  process (cold: every import paid, as on a just-started server) and again in the same process
  (warm: a new session on a running server).
- Map data: a synthetic county (benchmarks/synthetic.py, fixed seed) whose map, people included, has
  about 2,000 nodes: the time to select them, to build the component's data and its size, and the
  standalone HTML page (pyvis) offered for download.
- With ``--browser``: ``streamlit run`` on that county, and Debian's Chromium opening the map by
  its link (filters in the URL: every kind but agenda items and decisions). Measured from the
  start of the navigation, as the browser times it: the map drawn and answering clicks (the
  component's ``data-map-ready``; on a map this large its relations are added right after), and
  the relations drawn too (``data-map-complete``). The first opening after the server starts, then
  new tabs of the same browser (its cache warm, as for anyone who used the app before): the
  median of five. Also the first page (Översikt) in a new tab, and the top-down view of the 200
  groups.

    python benchmarks/app_render.py                # a table
    python benchmarks/app_render.py --browser      # also in Chromium
    python benchmarks/app_render.py --json         # the figures as JSON
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import Scale, synthetic_graph  # noqa: E402
from graph.store import EmbeddedStore  # noqa: E402
from loaders.pipeline import ingest  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
#: The county: 200 groups, 1,500 people, 150 meetings, 21 organisations, 50 agreements and
#: initiatives: 1,921 nodes and about 5,700 relations on the map (agenda items and decisions off).
COUNTY = Scale(groups=200, people=1500, meetings=150, items_per_meeting=4, decisions=600, topics=50)
MAP_KINDS = ["Council", "Network", "SteeringGroup", "ProcessGroup", "ProgramArea", "WorkingGroup",
             "Organisation", "Person", "Agreement", "Initiative", "Meeting"]  # fmt: skip
_OPENINGS = 5
_COLD = """
import os, sys, time
started = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(sys.argv[1], default_timeout=60).run()
assert not at.exception, [e.value for e in at.exception]
print(time.perf_counter() - started)
"""


def first_page(store: Path) -> dict[str, float]:
    env = {**os.environ, "SAMVERKAN_STORE": str(store), "PYTHONPATH": str(ROOT)}
    env.pop("NEO4J_URI", None)
    app = str(ROOT / "app.py")
    cold = float(
        subprocess.run(
            [sys.executable, "-c", _COLD, app], env=env, capture_output=True, text=True, check=True
        ).stdout.split()[-1]
    )
    os.environ["SAMVERKAN_STORE"] = str(store)
    from streamlit.testing.v1 import AppTest

    AppTest.from_file(app, default_timeout=60).run()  # imports and caches
    warm = []
    for _ in range(5):
        started = time.perf_counter()
        AppTest.from_file(app, default_timeout=60).run()
        warm.append(time.perf_counter() - started)
    return {"first_page_cold_s": round(cold, 2), "first_page_warm_s": round(statistics.median(warm), 3)}


def county_store(folder: Path) -> EmbeddedStore:
    store = EmbeddedStore(folder)
    store.root.mkdir(parents=True, exist_ok=True)
    store.save_registry(store.registry())
    store.save_graph(synthetic_graph(COUNTY))
    return store


def map_figures(store: EmbeddedStore) -> dict[str, float]:
    from views.common import EDGE_LABELS, KIND_LABELS
    from views.graphmap import PRIVATE_KEYS, MapFilter, map_payload, network_html, select

    graph = store.graph()
    everything = MapFilter(tuple(MAP_KINDS), tuple(EDGE_LABELS))
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        nodes, shown = select(graph.nodes, graph.edges, everything)
        timings.append(time.perf_counter() - started)
    out: dict[str, float] = {"map_nodes": len(nodes), "map_edges": len(shown)}
    out["map_select_s"] = round(statistics.median(timings), 3)
    for name, hierarchical in (("map_data", False), ("map_data_top_down", True)):
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            data = map_payload(nodes, shown, KIND_LABELS, EDGE_LABELS, hierarchical=hierarchical)
            timings.append(time.perf_counter() - started)
        sent = {k: v for k, v in data.items() if k not in PRIVATE_KEYS}
        out[f"{name}_s"] = round(statistics.median(timings), 3)
        out[f"{name}_kib"] = round(len(json.dumps(sent, ensure_ascii=False).encode("utf-8")) / 1024)
    started = time.perf_counter()
    page = network_html(nodes, shown, KIND_LABELS, EDGE_LABELS)
    out["map_standalone_html_s"] = round(time.perf_counter() - started, 3)
    out["map_standalone_html_kib"] = round(len(page.encode("utf-8")) / 1024)
    return out


def map_link() -> str:
    """The map of every kind but agenda items and decisions, people included (the URL the filters keep)."""
    from graph.kinds import KIND_LABELS

    return "/karta?" + urlencode([("typer", KIND_LABELS[k]) for k in MAP_KINDS] + [("grans", "5000")])


_SINCE_NAVIGATION = """(frame) => {
    const t = JSON.parse(frame.body.dataset.mapTiming);
    const shift = frame.defaultView.performance.timeOrigin - performance.timeOrigin;
    return {ready: (t.drawn + shift) / 1000, complete: ((t.complete || t.drawn) + shift) / 1000};
}"""


def _open_map(context, url: str, complete: bool = True) -> dict[str, float]:
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url)
    frame = page.frame_locator('iframe[title*="samverkan_map"]').first
    frame.locator('body[data-map-ready="1"]').wait_for(state="attached", timeout=120_000)
    wall = time.perf_counter() - started
    if complete:
        frame.locator('body[data-map-complete="1"]').wait_for(state="attached", timeout=120_000)
    handle = next(f for f in page.frames if "samverkan_map" in f.url).evaluate_handle("document")
    since = page.evaluate(_SINCE_NAVIGATION, handle)
    nodes = int(page.get_by_text("noder och").first.inner_text().split()[0])
    page.close()
    return {"ready": since["ready"], "complete": since["complete"], "wall": wall, "nodes": nodes}


def in_browser(store: EmbeddedStore) -> dict[str, float]:
    """The map and the first page opened by their links in Chromium (see the module)."""
    if not CHROMIUM.exists():
        return {}
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import heading, idle, running_app

    out: dict[str, float] = {}
    log = Path(tempfile.mkdtemp()) / "st.log"
    with running_app(store.root, None, log) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        first = _open_map(context, url + map_link())
        out["map_link_first_after_start_ready_s"] = round(first["ready"], 2)
        out["map_link_nodes"] = first["nodes"]
        runs = [_open_map(context, url + map_link()) for _ in range(_OPENINGS)]
        out["map_link_ready_s"] = round(statistics.median(r["ready"] for r in runs), 2)
        out["map_link_ready_max_s"] = round(max(r["ready"] for r in runs), 2)
        out["map_link_complete_s"] = round(statistics.median(r["complete"] for r in runs), 2)
        out["map_link_wall_s"] = round(statistics.median(r["wall"] for r in runs), 2)
        top = [_open_map(context, url + "/karta?vy=Uppifr%C3%A5n") for _ in range(3)]
        out["map_top_down_200_groups_ready_s"] = round(statistics.median(r["ready"] for r in top), 2)
        pages = []
        for _ in range(3):
            page = context.new_page()
            started = time.perf_counter()
            page.goto(url + "/")
            heading(page, "Datakvalitet")
            idle(page)
            pages.append(time.perf_counter() - started)
            page.close()
        out["first_page_browser_s"] = round(statistics.median(pages), 2)
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--browser", action="store_true", help="also open the app in /usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = EmbeddedStore(Path(tmp) / "demo")
        ingest([ROOT / "examples" / "docs"], demo)
        figures = first_page(demo.root)
        county = county_store(Path(tmp) / "county")
        figures.update(map_figures(county))
        if args.browser:
            figures.update(in_browser(county))
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
