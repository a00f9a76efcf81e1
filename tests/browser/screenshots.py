"""Screenshots of the app on the demo corpus for the documentation: docs/screenshots/*.png.

    .venv/bin/python -m tests.browser.screenshots        # from the repository root

Builds a store from examples/docs in a temporary folder, starts the app, opens the pages with a
question asked on each and saves one picture per page. Needs /usr/bin/chromium.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from .corpus import ROOT, build_store, make_docs
from .harness import CHROMIUM, heading, idle, map_drawn, running_app, submit, tables_drawn

OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is missing", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        docs = make_docs(root / "docs", hostile=False)
        store = build_store(root / "store", docs)
        with running_app(store.root, docs, root / "streamlit.log") as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1440, "height": 1000}, locale="sv-SE")

            def save(name: str) -> None:
                tables_drawn(page)
                page.wait_for_timeout(400)
                page.screenshot(path=str(OUT / f"{name}.png"))
                print(OUT / f"{name}.png")

            page.goto(f"{url}/")
            heading(page, "Datakvalitet")
            idle(page)
            save("oversikt")

            page.goto(f"{url}/karta")
            heading(page, "Karta")
            idle(page)
            submit(page, "Sök och fokusera", "regional processgrupp demens")
            map_drawn(page)
            page.set_viewport_size({"width": 1440, "height": 1250})
            page.wait_for_timeout(1500)
            save("karta")
            page.set_viewport_size({"width": 1440, "height": 1000})

            page.goto(f"{url}/beslutsspar")
            heading(page, "Beslutsspår")
            idle(page)
            submit(page, "Sök ett ärende", "uppdragsbeskrivning regional processgrupp demens")
            save("beslutsspar")

            page.goto(f"{url}/register")
            heading(page, "Samverkansregister")
            idle(page)
            save("register")
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
