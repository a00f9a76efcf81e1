"""How fast the app renders: the first page (AppTest, cold and warm) and the map at 2,000 nodes.

- First page: ``AppTest`` runs app.py on a store built from examples/docs, in a fresh Python
  process (cold: every import paid, as on a just-started server) and again in the same process
  (warm: a new session on a running server). Target: under 3 s.
- Map: a synthetic graph (benchmarks/synthetic.py, fixed seed) cut to 2,000 nodes; the time to
  select the subgraph and to build the pyvis page, and the page's size. With ``--browser`` the page
  is also opened in Debian's Chromium and timed until vis-network has stabilised and drawn.

    python benchmarks/app_render.py                # a table
    python benchmarks/app_render.py --browser      # also the map in Chromium
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import Scale, synthetic_graph  # noqa: E402
from graph.store import EmbeddedStore  # noqa: E402
from loaders.pipeline import ingest  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
MAP_NODES = 2000
_KIND_ORDER = ["Council", "Network", "SteeringGroup", "ProcessGroup", "ProgramArea", "WorkingGroup",
               "Organisation", "Agreement", "Initiative", "Person", "Meeting", "AgendaItem", "Decision"]  # fmt: skip
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


def map_figures(browser: bool) -> dict[str, float]:
    from views.common import EDGE_LABELS, KIND_LABELS
    from views.graphmap import MapFilter, network_html, select

    graph = synthetic_graph(
        Scale(groups=60, people=900, meetings=120, items_per_meeting=4, decisions=600, topics=50)
    )
    order = {k: i for i, k in enumerate(_KIND_ORDER)}
    keep = sorted(graph.nodes, key=lambda n: (order.get(str(n.kind), 99), n.id))[:MAP_NODES]
    ids = {n.id for n in keep}
    edges = [e for e in graph.edges if e.source in ids and e.target in ids]
    everything = MapFilter(tuple(KIND_LABELS), tuple(EDGE_LABELS))

    timings = []
    for _ in range(5):
        started = time.perf_counter()
        nodes, shown = select(keep, edges, everything)
        timings.append(time.perf_counter() - started)
    select_s = statistics.median(timings)
    network_html(nodes[:5], shown[:5], KIND_LABELS, EDGE_LABELS)  # compile the template once
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        page = network_html(nodes, shown, KIND_LABELS, EDGE_LABELS)
        timings.append(time.perf_counter() - started)
    out = {
        "map_nodes": len(nodes),
        "map_edges": len(shown),
        "map_select_s": round(select_s, 3),
        "map_build_s": round(statistics.median(timings), 3),
        "map_page_kib": round(len(page.encode("utf-8")) / 1024),
    }
    started = time.perf_counter()
    hierarchical = network_html(nodes, shown, KIND_LABELS, EDGE_LABELS, hierarchical=True)
    out["map_build_hierarchical_s"] = round(time.perf_counter() - started, 3)
    if browser:
        out.update(_in_browser(page, "map_browser"))
        out.update(_in_browser(hierarchical, "map_browser_hierarchical"))
    return out


def _in_browser(page_html: str, prefix: str) -> dict[str, float]:
    """Seconds until vis-network has drawn (after its bounded stabilisation) in Chromium."""
    if not CHROMIUM.exists():
        return {}
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.html"
        path.write_text(page_html, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            started = time.perf_counter()
            page.goto(path.as_uri())
            page.wait_for_selector('body[data-map-ready="1"]', state="attached", timeout=120_000)
            drawn = time.perf_counter() - started
            # after drawing, physics is off: a drag or zoom redraws without a simulation
            started = time.perf_counter()
            page.evaluate("network.moveTo({scale: 0.5}); network.redraw()")
            redraw = time.perf_counter() - started
            physics = page.evaluate("network.physics.options.enabled")
            browser.close()
    return {f"{prefix}_drawn_s": round(drawn, 2), f"{prefix}_redraw_s": round(redraw, 3),
            f"{prefix}_physics_after": bool(physics)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--browser", action="store_true", help="also time the map in /usr/bin/chromium")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = EmbeddedStore(Path(tmp) / "store")
        ingest([ROOT / "examples" / "docs"], store)
        figures = first_page(store.root)
    figures.update(map_figures(args.browser))
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            print(f"{key.ljust(width)}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
