"""Issue 10: a damaged store file shows its message (file and way out), not a traceback, on every
page; the Dokument page stays usable and its repair button mends the store."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ALL_DOCS
from streamlit.testing.v1 import AppTest

from graph.store import EmbeddedStore
from loaders.pipeline import ingest

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = ["views/overview.py", "views/register.py", "views/documents.py"]


@pytest.fixture
def damaged(tmp_path, corpus, monkeypatch) -> tuple[EmbeddedStore, bytes]:
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    clean = store.graph_path.read_bytes()
    store.graph_path.write_bytes(b"\xff{ inte json")
    monkeypatch.setenv("SAMVERKAN_STORE", str(store.root))
    monkeypatch.delenv("SAMVERKAN_DOCS", raising=False)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    return store, clean


def _open(page: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    if page != "views/overview.py":
        at.switch_page(page)
        at.run()
    return at


@pytest.mark.slow
@pytest.mark.parametrize("page", PAGES)
def test_a_damaged_graph_is_a_message_not_a_traceback(damaged, page):
    store, _ = damaged
    at = _open(page)
    assert not at.exception, [e.value for e in at.exception]
    shown = " ".join(e.value for e in [*at.error, *at.sidebar.error]).replace("\\", "")  # md() escapes
    assert f"{store.graph_path} är skadad" in shown and "samverkan repair" in shown


@pytest.mark.slow
def test_the_repair_button_on_dokument_mends_the_store(damaged):
    store, clean = damaged
    at = _open("views/documents.py")
    at.button(key="documents_repair").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Lagringen är reparerad" in s.value and f"{len(ALL_DOCS)} dokument" in s.value for s in at.success)
    assert store.graph_path.read_bytes() == clean
    at = _open("views/register.py")
    assert not at.exception and not at.error
