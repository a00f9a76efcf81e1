"""A store built from the demo corpus plus one document whose group names hold HTML and script.

The hostile names are what PITFALLS.md asks to test with: ``<script>alert(1)</script>`` and
``</script><img src=x onerror=alert(2)>``. Both must show as text and run nothing.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from graph.corrections import new_correction
from graph.models import NodeKind
from graph.store import EmbeddedStore
from loaders.pipeline import ingest, rebuild

ROOT = Path(__file__).resolve().parents[2]
DEMO_DOCS = ROOT / "examples" / "docs"
SCRIPT_NAME = "Arbetsgruppen för trygghet<script>alert(1)</script>"
IMG_NAME = "Arbetsgruppen för utsatthet</script><img src=x onerror=alert(2)>"
XSS_DOC_NAME = "11_xss_socialchefsnatverket_2025-12-01.txt"
XSS_DOC = """Minnesanteckningar
Socialchefsnätverket

Datum: 2025-12-01
Tid: 10.00–12.00
Plats: Teams

Närvarande: Kim Exempelsson (ordf), Berg; Nils Platshållare, RSS Jämtland Härjedalen (sekreterare).

1. Öppnande
Beslut: Dagordningen godkändes.

2. Ny arbetsgrupp
Beslut: att Arbetsgruppen för trygghet<script>alert(1)</script> får i uppdrag att ta fram en rutin.

3. Övrigt
Beslut: att Arbetsgruppen för utsatthet</script><img src=x onerror=alert(2)> får i uppdrag att rapportera.
"""


def make_docs(folder: Path, hostile: bool = True) -> Path:
    """A copy of the demo documents (and the hostile one) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(DEMO_DOCS.iterdir()):
        if path.is_file():
            shutil.copy2(path, folder / path.name)
    if hostile:
        (folder / XSS_DOC_NAME).write_text(XSS_DOC, encoding="utf-8")
    return folder


def build_store(root: Path, docs: Path) -> EmbeddedStore:
    """Ingest ``docs`` into a new store at ``root``; if the hostile document is among them, make sure
    its group names are in the graph.

    The loaders find them today; should they stop doing so, a rename correction puts the names in,
    so the escaping tests keep testing escaping rather than the entity finder.
    """
    store = EmbeddedStore(root)
    report = ingest([docs], store)
    assert not report.failed, [f.reason for f in report.failed]
    if not (docs / XSS_DOC_NAME).exists():
        return store
    names = {n.name for n in store.graph().nodes}
    missing = [n for n in (SCRIPT_NAME, IMG_NAME) if n not in names]
    if missing:
        groups = [n for n in store.graph().nodes if n.kind == NodeKind.WORKING_GROUP]
        corrections = [
            new_correction("rename", {"id": g.id, "name": name}, reason="test: hostile name")
            for g, name in zip(groups, missing, strict=False)
        ]
        store.save_corrections(corrections)
        rebuild(store)
    return store
