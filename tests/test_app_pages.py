"""Every page of the app under Streamlit's AppTest, on the demo corpus plus one hostile document.

The questions must give the demo corpus's answers (examples/gold.yaml): the register lists the demo
groups, the lineage of the process group's mandate finds its meetings, the mandate chain of the
process group leads to the steering group and the network.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser.corpus import IMG_NAME, SCRIPT_NAME, XSS_DOC_NAME, build_store, make_docs
from streamlit.testing.v1 import AppTest

from views.common import GAP_LABELS, KIND_LABELS

APP = Path(__file__).resolve().parents[1] / "app.py"
PAGES = {
    "views/overview.py": "Översikt",
    "views/map.py": "Karta",
    "views/mandates.py": "Vem ger uppdrag åt vem",
    "views/lineage.py": "Beslutsspår",
    "views/register.py": "Samverkansregister",
    "views/overlap.py": "Vem sitter var",
    "views/people.py": "Personer",
    "views/documents.py": "Dokument",
    "views/corrections.py": "Rättelser",
    "views/overview_link.py": "Översikt",
}
TIMEOUT = 30
#: A tag Markdown would pass on as HTML: "<" not escaped by a backslash.
RAW_TAG = re.compile(r"(?<!\\)</?(script|img)", re.I)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    docs = make_docs(root / "docs")
    store = build_store(root / "store", docs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SAMVERKAN_STORE", str(store.root))
        mp.setenv("SAMVERKAN_DOCS", str(docs))
        mp.delenv("NEO4J_URI", raising=False)
        yield store


def open_page(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    if page != "views/overview.py":
        at.switch_page(page)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def node_id(store, name: str) -> str:
    return next(n.id for n in store.graph().nodes if n.name == name)


def texts(at: AppTest) -> str:
    """Everything shown as Markdown, captions, alerts and titles, as one string."""
    parts = [e.value for e in (*at.title, *at.subheader, *at.markdown, *at.caption)]
    parts += [e.value for e in (*at.info, *at.success, *at.warning, *at.error)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.slow
def test_first_page_renders_the_overview(demo):
    """What the first page shows (how fast it renders is benchmarks/app_render.py's business)."""
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Översikt"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Dokument"] == "11"
    assert int(metrics["Möten"]) >= 9
    assert int(metrics["Beslut"]) > 50
    assert "Inbäddad lagring" in "\n".join(m.value for m in at.sidebar.markdown)


@pytest.mark.parametrize(
    "page",
    # the first page stays in `make check` as the app's smoke test; the others render in `make test`
    [p if p == "views/overview.py" else pytest.param(p, marks=pytest.mark.slow) for p in PAGES],
)
def test_every_page_renders(demo, page):
    at = open_page(page)
    assert at.title[0].value == PAGES[page]


@pytest.mark.slow
def test_overview_shows_latest_meetings_and_decisions(demo):
    at = open_page("views/overview.py")
    meetings = at.dataframe[0].value
    assert "2025-12-11" in set(meetings["Datum"])  # the council's last demo meeting
    decisions = at.dataframe[1].value
    assert len(decisions) == 10
    assert "Datakvalitet" in texts(at)


@pytest.mark.slow
def test_register_lists_demo_groups_and_filters(demo):
    at = open_page("views/register.py")
    names = set(at.dataframe[0].value["Namn"])
    for group in (
        "Socialchefsnätverket",
        "Styrgruppen för Socialchefsnätverket",
        "Vård- och omsorgsrådet",
        "Regional processgrupp demens",
        "LPO Psykisk hälsa",
        "Arbetsgruppen för trygg hemgång",
    ):
        assert group in names
    assert {b.label for b in at.get("download_button")} == {"Ladda ner Excel", "Ladda ner CSV"}
    # every flag says what the documents show; unknowns are apart from the gaps
    flags = {flag for flags in at.dataframe[0].value["Brister"] for flag in flags}
    assert flags and all(not flag.startswith("saknar") for flag in flags)
    assert "Okänt" in at.dataframe[0].value.columns and "Källa" in at.dataframe[0].value.columns

    at.multiselect(key="typ").set_value(["ProcessGroup"]).run()
    kinds = set(at.dataframe[0].value["Typ"])
    assert kinds == {"Processgrupp"}
    at.text_input(key="namn").set_value("demens").run()
    assert "Regional processgrupp demens" in set(at.dataframe[0].value["Namn"])
    at.selectbox(key="sortera").set_value("Flest brister").run()
    gaps = [len(g) for g in at.dataframe[0].value["Brister"]]
    assert gaps == sorted(gaps, reverse=True)


@pytest.mark.slow
def test_register_gap_summary_filters_by_a_click(demo):
    at = open_page("views/register.py")
    counts = [b for b in at.button if b.key and b.key.startswith("summa_") and b.key.count("_") >= 2]
    assert counts, "the summary has counts to click"
    kind, gap = counts[0].key.removeprefix("summa_").split("_", 1)
    counts[0].click().run()
    table = at.dataframe[0].value
    assert set(table["Typ"]) == {KIND_LABELS[kind]}
    assert all(GAP_LABELS[gap] in flags for flags in table["Brister"])


@pytest.mark.slow
def test_register_opens_a_group_from_the_url(demo):
    at = open_page("views/register.py", grupp=node_id(demo, "Regional processgrupp demens"))
    assert at.selectbox(key="grupp_vald").value == node_id(demo, "Regional processgrupp demens")
    assert "Regional processgrupp demens" in texts(at)


@pytest.mark.slow
def test_lineage_finds_the_process_groups_events(demo):
    at = open_page("views/lineage.py", arende="uppdragsbeskrivning regional processgrupp demens")
    assert not at.exception
    events = at.dataframe[0].value
    dates = set(events["Datum"])
    assert {"2025-04-11", "2025-11-21"} <= dates
    assert "03_socialchefsnatverket_2025-04-11.pdf" in set(events["Dokument"])
    links = [p for p in at.get("page_link") if p.proto.page == "dokument"]
    assert links, "each card links to the document view"
    dated = [d for d in events["Datum"] if d != "odaterat"]
    assert dated == sorted(dated)
    shown = texts(at)
    assert "sökord" in shown and "processgrupp" in shown


@pytest.mark.slow
def test_lineage_cards_carry_the_item_title_and_fold_procedural_decisions(demo):
    at = open_page("views/lineage.py", arende="trygg hemgång")
    shown = texts(at)
    assert "Trygg hemgång" in shown
    # an item title heads each card (the number and the agenda item's own words), not only "punkt 6a"
    assert re.search(r"\*\*\d+[a-z]?\\\. ", shown), shown[:2000]
    if "handlingarna" in shown:
        assert "Formella beslut" in shown


@pytest.mark.slow
def test_lineage_without_hits_says_so(demo):
    at = open_page("views/lineage.py", arende="xylofonorkester")
    assert "Inga händelser" in texts(at)


@pytest.mark.slow
def test_mandates_shows_the_structure_and_the_chain_of_the_process_group(demo):
    at = open_page("views/mandates.py")
    tree = texts(at)
    assert "Socialchefsnätverket" in tree and "Regional processgrupp demens" in tree
    assert "Enskilda uppdrag" in tree
    # the council comes first in the standing structure
    assert tree.index("Vård\\- och omsorgsrådet") < tree.index("Socialchefsnätverket")
    at = open_page("views/mandates.py", nod=node_id(demo, "Regional processgrupp demens"))
    assert at.selectbox(key="mandates_node").value == node_id(demo, "Regional processgrupp demens")
    shown = texts(at)
    assert "Kedjan uppåt" in shown and "Styrgruppen för Socialchefsnätverket" in shown
    assert "nivå 2 · Styrgrupp" in shown and "nivå 1 · Nätverk" in shown
    chain = at.dataframe[0].value
    assert "Styrgruppen för Socialchefsnätverket" in set(chain["Överordnad"])
    assert any(d != "okänt" for d in chain["Datum"]), "the chain has dates"


@pytest.mark.slow
def test_people_shows_a_persons_roles_and_meetings(demo):
    at = open_page("views/people.py")
    at.selectbox(key="people_person").set_value(node_id(demo, "Nils Platshållare")).run()
    shown = texts(at)
    assert "Nils Platshållare" in shown
    assert "Möten" in shown
    assert any(len(df.value) for df in at.dataframe)


@pytest.mark.slow
def test_map_filters_focus_selection_and_hierarchy(demo):
    at = open_page("views/map.py")
    caption = next(c.value for c in at.caption if "noder och" in c.value)
    total = int(caption.split()[0])
    at.multiselect(key="typer").set_value(["Network", "SteeringGroup", "ProcessGroup", "ProgramArea"]).run()
    caption = next(c.value for c in at.caption if "noder och" in c.value)
    assert int(caption.split()[0]) < total
    # a double-click (or a link from the search) focuses: the URL holds it
    group = node_id(demo, "Regional processgrupp demens")
    at = open_page("views/map.py", fokus=group, vald=group)
    assert not at.exception
    shown = texts(at)
    assert "Fokus:" in shown and "Regional processgrupp demens" in shown
    assert "Relationer" in shown and "Källor" in shown  # the selected node's details beside the map
    assert {link.proto.page for link in at.get("page_link")} >= {"uppdrag", "register", "beslutsspar"}
    at.segmented_control(key="vy").set_value("Uppifrån").run()
    assert not at.exception


@pytest.mark.slow
def test_document_view_marks_the_linked_line_and_escapes_text(demo):
    at = open_page("views/documents.py", doc=XSS_DOC_NAME, line="14")
    assert at.selectbox(key="documents_doc").value == XSS_DOC_NAME
    assert "Rad 14" in texts(at)
    bodies = [e.proto.body for e in at.main.get("html")]  # (the sidebar holds views/swedish.py's script)
    assert bodies
    for body in bodies:
        assert "<script" not in body and "<img" not in body
    assert any("trygghet&lt;script&gt;alert(1)&lt;/script&gt;" in b for b in bodies)


@pytest.mark.slow
def test_hostile_names_are_text_everywhere(demo):
    """Markdown the app writes never carries the names raw; tables hold them as plain text."""
    at = open_page("views/register.py")
    names = set(at.dataframe[0].value["Namn"])
    assert SCRIPT_NAME in names and IMG_NAME in names
    at.text_input(key="namn").set_value("trygghet").run()
    at.selectbox(key="grupp_vald").set_value(node_id(demo, SCRIPT_NAME)).run()
    assert SCRIPT_NAME.replace("<", "\\<") in texts(at).replace("\\>", ">").replace("\\(", "(").replace(
        "\\)", ")"
    )
    for page in PAGES:
        at = open_page(page)
        elements = [*at.markdown, *at.caption, *at.error, *at.info]
        assert elements, page  # every page writes some Markdown or captions to check
        for element in elements:
            assert not RAW_TAG.search(element.value), (page, element.value)


@pytest.mark.slow
def test_ingest_from_folder_reports_each_file(demo, tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok.txt").write_text((Path(demo.root).parent / "docs" / XSS_DOC_NAME).read_text(encoding="utf-8"))
    (docs / "trasig.pdf").write_bytes(b"%PDF-1.4 not really a pdf")
    (docs / "lista.md").write_text("Inköpslista\n\nmjölk, bröd och ost\n", encoding="utf-8")
    monkeypatch.setenv("SAMVERKAN_STORE", str(tmp_path / "store"))
    monkeypatch.setenv("SAMVERKAN_DOCS", str(docs))
    at = open_page("views/documents.py")
    at.button(key="documents_ingest_folder").click().run()
    assert not at.exception
    results = at.dataframe[0].value
    status = dict(zip(results["Fil"], results["Status"], strict=True))
    assert status == {"ok.txt": "inläst", "lista.md": "inläst", "trasig.pdf": "misslyckades"}
    assert any("trasig" in e.value for e in at.error)
    assert results.set_index("Fil").loc["trasig.pdf", "Orsak"]

    at = open_page("views/overview.py")  # the data-quality section lists what went wrong
    failed = at.dataframe[2].value
    assert any(path.endswith("trasig.pdf") for path in failed["Fil"])
    warnings = at.dataframe[3].value
    assert "lista.md" in set(warnings["Dokument"])  # neither minutes nor a mandate


@pytest.mark.slow
def test_correction_made_in_the_app_changes_the_graph_and_can_be_undone(tmp_path, monkeypatch):
    store = build_store(tmp_path / "store", make_docs(tmp_path / "docs", hostile=False))
    monkeypatch.setenv("SAMVERKAN_STORE", str(store.root))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    at = open_page("views/corrections.py")
    target = node_id(store, "Socialchefsnätverket")
    at.selectbox(key="rename_node").set_value(target).run()
    at.text_input(key="rename_name").set_value("Länets socialchefsnätverk").run()
    at.text_input(key="rename_reason").set_value("det heter så sedan 2026").run()
    at.button(key="rename_save").click().run()
    assert not at.exception
    saved = store.load_corrections()
    assert [c["op"] for c in saved] == ["rename"]
    assert saved[0]["reason"] == "det heter så sedan 2026" and saved[0]["made_at"]
    node = store.graph().node_index()[target]
    assert node.name == "Länets socialchefsnätverk" and "Socialchefsnätverket" in node.aliases
    assert "Sparad" in texts(at)
    assert at.dataframe[0].value["Status"].tolist() == ["gäller"]

    at.button(key="corrections_toggle").click().run()
    assert store.load_corrections()[0]["undone"] is True
    assert store.graph().node_index()[target].name == "Socialchefsnätverket"
    assert at.dataframe[0].value["Status"].tolist() == ["ångrad"]


@pytest.mark.slow
def test_sidebar_names_neo4j_when_configured(demo, monkeypatch):
    import views.common
    from graph.embedded import EmbeddedBackend

    class Neo4jLike(EmbeddedBackend):
        name = "neo4j"

    monkeypatch.setenv("NEO4J_URI", "bolt://neo4j.example:7687")
    monkeypatch.setattr(views.common, "_neo4j", lambda *settings: Neo4jLike(demo.graph(), stamp="neo4j:test"))
    at = open_page("views/overview.py")  # (AppTest shows the sidebar of the first run only)
    assert "**Lagring:** Neo4j" in [m.value for m in at.sidebar.markdown]
    assert at.metric[0].value == "11"
    at = open_page("views/register.py")
    assert "Regional processgrupp demens" in set(at.dataframe[0].value["Namn"])


@pytest.mark.slow
def test_unreachable_neo4j_falls_back_to_the_embedded_store(demo, monkeypatch):
    import views.common

    def refuse(*settings):
        raise OSError("connection refused")

    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setattr(views.common, "_neo4j", refuse)
    at = open_page("views/overview.py")
    assert "**Lagring:** Inbäddad lagring" in [m.value for m in at.sidebar.markdown]
    assert any("svarade inte" in w.value for w in at.sidebar.warning)
    assert at.metric[0].value == "11"


@pytest.mark.slow
def test_merge_in_the_app(tmp_path, monkeypatch):
    store = build_store(tmp_path / "store", make_docs(tmp_path / "docs", hostile=False))
    monkeypatch.setenv("SAMVERKAN_STORE", str(store.root))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    names = {n.name: n.id for n in store.graph().nodes}
    keep = names["Socialchefsnätverket"]
    drop = names["Styrgruppen för Socialchefsnätverket"]
    at = open_page("views/corrections.py")
    at.selectbox(key="merge_keep").set_value(keep).run()
    at.selectbox(key="merge_drop").set_value(drop).run()
    at.text_input(key="merge_reason").set_value("test").run()
    at.button(key="merge_save").click().run()
    assert not at.exception
    graph = store.graph().node_index()
    assert drop not in graph and "Styrgruppen för Socialchefsnätverket" in graph[keep].aliases
    assert (
        store.load_corrections()[0]["args"]["names"][drop]
        == "Styrgruppen för Socialchefsnätverket (Styrgrupp)"
    )


UNDATED = """Minnesanteckningar
Socialchefsnätverket

Närvarande: Kim Exempelsson (ordf), Berg; Nils Platshållare, RSS Jämtland Härjedalen.

1. Öppnande
Beslut: Dagordningen godkändes.

2. Rapport om trygg hemgång
Beslut: att lägga rapporten till handlingarna.
"""


@pytest.mark.slow
def test_documents_show_their_reading_partly_read_first_with_warnings(tmp_path, monkeypatch):
    docs = make_docs(tmp_path / "docs", hostile=False)
    (docs / "99_odaterat.txt").write_text(UNDATED, encoding="utf-8")
    store = build_store(tmp_path / "store", docs)
    monkeypatch.setenv("SAMVERKAN_STORE", str(store.root))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    record = store.registry().files["99_odaterat.txt"]
    at = open_page("views/documents.py")
    status = next(df.value for df in at.dataframe if "Läsning" in df.value.columns)
    if record.reading == "partial":
        assert status.iloc[0]["Dokument"] == "99_odaterat.txt" and status.iloc[0]["Läsning"] == "delvis"
        assert status.iloc[0]["Vad som inte lästes"] == ", ".join(record.problems)
        assert any("delvis" in w.value for w in at.warning)
    assert set(status["Läsning"]) <= {"helt", "delvis"}
    with_warnings = [d for d, r in store.registry().files.items() if r.warnings]
    if with_warnings:
        at.selectbox(key="documents_warnings").set_value(with_warnings[0]).run()
        table = next(df.value for df in at.dataframe if "Varning" in df.value.columns)
        assert len(table) == store.registry().files[with_warnings[0]].warnings
        lines = [link for link in at.get("page_link") if link.proto.page == "dokument"]
        assert lines or set(table["Rad"]) == {"hela dokumentet"}
