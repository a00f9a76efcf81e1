"""Start the app with ``streamlit run`` on a free port, and the waits a browser test needs."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from .corpus import ROOT

CHROMIUM = Path("/usr/bin/chromium")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(url: str, process: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


@contextlib.contextmanager
def running_app(store: Path, docs: Path | None, log: Path) -> Iterator[str]:
    """The app's address while ``streamlit run app.py`` serves ``store``; stopped afterwards."""
    env = {**os.environ, "SAMVERKAN_STORE": str(store), "PYTHONPATH": str(ROOT)}
    if docs is not None:
        env["SAMVERKAN_DOCS"] = str(docs)
    env.pop("NEO4J_URI", None)
    port = free_port()
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(url, process)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def heading(page, text: str, timeout: float = 15_000) -> None:
    page.get_by_role("heading", name=text).first.wait_for(timeout=timeout)


def idle(page, timeout: float = 15_000) -> None:
    """Wait until Streamlit has finished the current run (its status widget shows nothing)."""
    page.wait_for_timeout(150)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=timeout)


def tables_drawn(page, timeout: float = 10_000) -> None:
    """Every visible table has its canvas (tables in hidden tabs and closed expanders wait)."""
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
                 .filter(t => t.checkVisibility())
                 .every(t => t.querySelector('[data-testid="data-grid-canvas"]'))""",
        timeout=timeout,
    )


def submit(page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    box.press("Enter")
    idle(page)


MAP_FRAME = 'iframe[title*="samverkan_map"]'


def map_drawn(page, timeout: float = 20_000) -> None:
    """The map component has drawn everything with vis-network (views/map_frontend/map.js sets
    ``data-map-ready`` at its first picture, ``data-map-complete`` when vis-network has it all)."""
    frame = page.frame_locator(MAP_FRAME).first
    frame.locator('body[data-map-complete="1"]').wait_for(state="attached", timeout=timeout)


def map_frame(page):
    """The map component's frame (its URL names the component)."""
    return next(f for f in page.frames if "samverkan_map" in f.url)


def node_point(page, node_id: str) -> dict:
    """Where a node is drawn, in the map's own coordinates (for a click on ``#map``)."""
    return map_frame(page).evaluate(
        """(id) => {
            const i = window.samverkanIds.indexOf(id);
            const p = window.samverkanMap.getPositions([i])[i];
            return window.samverkanMap.canvasToDOM(p);
        }""",
        node_id,
    )


#: The text a page shows and the labels it gives to assistive technology, icon ligatures left out.
UI_TEXTS = """() => {
  const out = new Set();
  const skip = (el) => !el || el.closest('[data-testid="stIconMaterial"], script, style');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const t = n.nodeValue.trim();
    if (t && !skip(n.parentElement)) out.add(t);
  }
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder]')) {
    for (const a of ['title', 'aria-label', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.add(v.trim());
    }
  }
  return [...out];
}"""


def ui_texts(page) -> list[str]:
    return page.evaluate(UI_TEXTS)
