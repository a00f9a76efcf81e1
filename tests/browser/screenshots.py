"""Screenshots of every page of the app for the documentation: docs/screenshots/*.png.

    .venv/bin/python -m tests.browser.screenshots        # from the repository root (make screenshots)

Builds a store from examples/docs in a temporary folder, starts the app, opens every page with a
question asked on it and saves one picture per page: the map with a node clicked, the search in
the sidebar, the chain, the lineage, the register, who sits where, a person, the documents with
their reading status, the corrections. Then the top-down view of a synthetic county of 200
groups (benchmarks/synthetic.py): ``karta-uppifran-200-grupper.png``. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .corpus import ROOT, build_store, make_docs
from .harness import (
    CHROMIUM,
    MAP_FRAME,
    heading,
    idle,
    map_drawn,
    map_frame,
    node_point,
    running_app,
    submit,
    tables_drawn,
)

OUT = ROOT / "docs" / "screenshots"
WIDTH = 1440


def synthetic_store(root: Path):
    """A store holding the synthetic county (200 groups) as its graph."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import Scale, synthetic_graph
    from graph.store import EmbeddedStore

    store = EmbeddedStore(root)
    store.root.mkdir(parents=True, exist_ok=True)
    store.save_registry(store.registry())
    store.save_graph(synthetic_graph(Scale(groups=200, people=600, meetings=60, items_per_meeting=3,
                                           decisions=150, topics=30)))  # fmt: skip
    return store


def main() -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        root = Path(tmp)
        docs = make_docs(root / "docs", hostile=False)
        store = build_store(root / "store", docs)
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": WIDTH, "height": 1000}, locale="sv-SE")

        def save(name: str) -> None:
            tables_drawn(page)
            page.mouse.move(5, 5)  # no tooltip over the picture
            page.wait_for_timeout(500)
            page.screenshot(path=str(OUT / f"{name}.png"))
            print(OUT / f"{name}.png")

        def tall() -> None:
            """A viewport as tall as the page (Streamlit scrolls inside its main block, so a full-page
            screenshot would stop at the window)."""
            height = page.evaluate(
                "Math.max(...[...document.querySelectorAll('[data-testid=\"stMain\"] *')]"
                ".map(e => e.getBoundingClientRect().bottom))"
            )
            page.set_viewport_size({"width": WIDTH, "height": int(height) + 80})
            page.wait_for_timeout(800)

        def open_page(url: str, title: str) -> None:
            page.goto(url)
            heading(page, title)
            idle(page)

        with running_app(store.root, docs, root / "streamlit.log") as url:
            open_page(f"{url}/", "Datakvalitet")
            save("oversikt")

            page.set_viewport_size({"width": WIDTH, "height": 1250})
            open_page(f"{url}/karta", "Karta")
            map_drawn(page)
            group = map_frame(page).evaluate(
                "window.samverkanIds.find(id => id.startsWith('processgroup:') && id.includes('demens'))"
            )
            page.frame_locator(MAP_FRAME).first.locator("#map").click(position=node_point(page, group))
            page.get_by_role("heading", name="Regional processgrupp demens").wait_for(timeout=10_000)
            idle(page)
            map_drawn(page)
            save("karta")
            open_page(f"{url}/karta?vy=Uppifr%C3%A5n", "Karta")
            map_drawn(page)
            tall()
            save("karta-uppifran")
            page.set_viewport_size({"width": WIDTH, "height": 1000})

            open_page(f"{url}/", "Översikt")
            submit(page, "Sök", "demens")
            page.locator(".st-key-sok_traff_0").wait_for(timeout=10_000)
            save("sok")

            open_page(f"{url}/uppdrag", "Vem ger uppdrag åt vem")
            save("uppdrag-struktur")
            open_page(f"{url}/uppdrag?nod={group}", "Vem ger uppdrag åt vem")
            page.get_by_role("heading", name="Kedjan uppåt").wait_for(timeout=10_000)
            save("uppdrag-kedja")

            open_page(
                f"{url}/beslutsspar?arende=uppdragsbeskrivning%20regional%20processgrupp%20demens",
                "Beslutsspår",
            )
            page.get_by_text("händelser under").first.wait_for(timeout=10_000)
            save("beslutsspar")

            open_page(f"{url}/register", "Samverkansregister")
            save("register")
            open_page(f"{url}/vem-sitter-var", "Vem sitter var")
            save("vem-sitter-var")
            open_page(f"{url}/personer", "Personer")
            save("personer")
            open_page(f"{url}/dokument", "Dokument")
            save("dokument")
            open_page(f"{url}/rattelser", "Rättelser")
            save("rattelser")

        big = synthetic_store(root / "synthetic")
        with running_app(big.root, None, root / "streamlit-synthetic.log") as url:
            page.set_viewport_size({"width": WIDTH, "height": 1000})
            open_page(f"{url}/karta?vy=Uppifr%C3%A5n", "Karta")
            map_drawn(page, timeout=60_000)
            tall()
            map_drawn(page)
            save("karta-uppifran-200-grupper")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
