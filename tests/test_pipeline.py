"""The ingest pipeline as a library: idempotence, replacement, forgetting, failures as data.

The strongest checks compare a store that saw a change with a fresh store built from the
documents as they are now: replacing or forgetting one document must leave exactly the graph
that ingesting the current documents from scratch gives, byte for byte.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
from conftest import ALL_DOCS, COUNCIL_JUNE, MANDATE, OCN_MARCH, OCN_MAY, STEERING_APRIL, TEXT_DOCS, load_json

from graph.store import EmbeddedStore
from loaders.pipeline import collect_paths, forget, ingest, parse_document, rebuild

OLD_DECISION = "att anta tidplanen för kartläggningen av korttidsplatser."
NEW_DECISION = "att anta tidplanen för inventeringen av trygghetsboenden."
REMOVED_ROW = "Hjalmar Fiktivberg           Örnsköldsvik\n"


def _edit_march(text: str) -> str:
    assert OLD_DECISION in text and REMOVED_ROW in text
    return text.replace(OLD_DECISION, NEW_DECISION).replace(REMOVED_ROW, "")


def _facts_by_document(export: dict) -> dict[str, set[tuple]]:
    """What each document contributes, as (fact, line, quote) per citing source."""
    facts: dict[str, set[tuple]] = {}
    for node in export["nodes"]:
        for s in node["sources"]:
            facts.setdefault(s["document"], set()).add(
                (("node", node["id"], node["kind"]), s["line"], s["quote"])
            )
    for edge in export["edges"]:
        fact = (
            "edge",
            edge["type"],
            edge["source"],
            edge["target"],
            json.dumps(edge["props"], sort_keys=True),
        )
        for s in edge["sources"]:
            facts.setdefault(s["document"], set()).add((fact, s["line"], s["quote"]))
    return facts


def _all_quotes_and_texts(export: dict) -> str:
    parts = []
    for item in [*export["nodes"], *export["edges"]]:
        parts += [s["quote"] for s in item["sources"]]
        parts += [str(v) for v in item["props"].values()]
        parts.append(item.get("name", ""))
    return "\n".join(parts)


def _fresh_graph(tmp_path: Path, docs: Path, name: str) -> bytes:
    store = EmbeddedStore(tmp_path / name)
    report = ingest([docs], store)
    assert not report.failed
    return store.graph_path.read_bytes()


# --- idempotence and determinism ---------------------------------------------------------


def test_second_ingest_changes_nothing(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    first = ingest([corpus], store)
    assert sorted(f.status for f in first.files) == ["loaded"] * len(ALL_DOCS)
    graph_before = store.graph_path.read_bytes()
    registry_before = store.registry_path.read_bytes()
    fragments_before = {p.name: p.read_bytes() for p in (store.root / "fragments").iterdir()}

    second = ingest([corpus], store)

    assert [f.status for f in second.files] == ["unchanged"] * len(ALL_DOCS)
    assert store.graph_path.read_bytes() == graph_before
    assert store.registry_path.read_bytes() == registry_before
    assert {p.name: p.read_bytes() for p in (store.root / "fragments").iterdir()} == fragments_before
    # counts of an unchanged file are reported from the registry, not lost
    assert [(f.nodes, f.edges) for f in second.files] == [(f.nodes, f.edges) for f in first.files]
    assert (second.nodes, second.edges) == (first.nodes, first.edges)


def test_rebuild_is_deterministic(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    before = store.graph_path.read_bytes()
    rebuild(store)
    assert store.graph_path.read_bytes() == before


def test_ids_do_not_depend_on_store_folder_or_order(tmp_path, write_corpus):
    one = write_corpus(tmp_path / "a" / "docs")
    two = write_corpus(tmp_path / "annan plats" / "dokument")
    store_one, store_two = EmbeddedStore(tmp_path / "s1"), EmbeddedStore(tmp_path / "s2")
    ingest([one / name for name in ALL_DOCS], store_one)
    # the other store sees the documents in reverse order, over two runs
    ingest([two / name for name in reversed(ALL_DOCS[2:])], store_two)
    ingest([two / name for name in reversed(ALL_DOCS[:2])], store_two)
    assert store_one.graph_path.read_bytes() == store_two.graph_path.read_bytes()


def test_parse_document_is_pure_and_repeatable(corpus):
    lines = (corpus / OCN_MARCH).read_text(encoding="utf-8").split("\n")
    first = parse_document(OCN_MARCH, list(lines))
    second = parse_document(OCN_MARCH, list(lines))
    assert first == second
    assert first.doc_kind == "minutes"
    assert first.nodes and all(n.sources for n in first.nodes)
    assert all(s.document == OCN_MARCH for n in first.nodes for s in n.sources)
    meeting = next(n for n in first.nodes if n.kind == "Meeting")
    assert meeting.id == "meeting:ocn-2025-03-05-txt"
    assert meeting.props["date"] == "2025-03-05"  # "Mötesdatum: 5 mars 2025", not "Datum: 2025-03-10"


# --- a changed document ------------------------------------------------------------------


def test_changed_file_replaces_exactly_its_own_facts(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    before = load_json(store.graph_path)
    assert OLD_DECISION.rstrip(".") in _all_quotes_and_texts(before)
    march = corpus / OCN_MARCH
    march.write_text(_edit_march(march.read_text(encoding="utf-8")), encoding="utf-8")

    report = ingest([corpus], store)

    status = {Path(f.path).name: f.status for f in report.files}
    assert status == {name: "replaced" if name == OCN_MARCH else "unchanged" for name in ALL_DOCS}
    after = load_json(store.graph_path)
    everything = _all_quotes_and_texts(after)
    assert "kartläggningen av korttidsplatser" not in everything
    assert "inventeringen av trygghetsboenden" in everything
    attended = {(e["source"], e["target"]) for e in after["edges"] if e["type"] == "ATTENDED"}
    assert ("person:hjalmar-fiktivberg", "meeting:ocn-2025-03-05-txt") not in attended
    assert ("person:ylva-skissberg", "meeting:ocn-2025-03-05-txt") in attended
    # he still presents item 4, so he stays, with that one fact from this document
    presented = {(e["source"], e["target"]) for e in after["edges"] if e["type"] == "PRESENTED"}
    assert ("person:hjalmar-fiktivberg", "agendaitem:ocn-2025-03-05-txt:4:3") in presented
    # the store keeps the new text, which the sources' line numbers refer to
    assert "inventeringen av trygghetsboenden" in store.text(OCN_MARCH)
    # every other document contributes exactly what it did before
    old_facts, new_facts = _facts_by_document(before), _facts_by_document(after)
    for name in ALL_DOCS:
        if name != OCN_MARCH:
            assert new_facts[name] == old_facts[name], name
    assert new_facts[OCN_MARCH] != old_facts[OCN_MARCH]
    # and the whole graph is what a fresh store makes of the documents as they are now
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, corpus, "fresh")


def test_forget_removes_exactly_one_document(tmp_path, corpus, write_corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    before = load_json(store.graph_path)

    record = forget(str(corpus / COUNCIL_JUNE), store)

    assert record is not None and record.doc == COUNCIL_JUNE
    after = load_json(store.graph_path)
    assert not any(
        s["document"] == COUNCIL_JUNE for item in [*after["nodes"], *after["edges"]] for s in item["sources"]
    )
    assert COUNCIL_JUNE not in store.registry().files
    assert store.fragment(COUNCIL_JUNE) is None and store.text(COUNCIL_JUNE) is None
    # the other documents keep every fact, line and quote they had
    old_facts, new_facts = _facts_by_document(before), _facts_by_document(after)
    assert {k: v for k, v in old_facts.items() if k != COUNCIL_JUNE} == new_facts
    # what only that document said is gone; a person it shares with others stays
    ids = {n["id"] for n in after["nodes"]}
    assert {
        "council:omsorgsradet",
        "person:sigvard-latsaslund",
        "meeting:omsorgsradet-2025-06-11-docx",
    }.isdisjoint(ids)
    assert "person:torvald-exempelgren" in ids
    rest = write_corpus(tmp_path / "rest", [n for n in ALL_DOCS if n != COUNCIL_JUNE])
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, rest, "fresh")


def test_forget_a_document_that_shaped_a_merged_name(tmp_path, corpus, write_corpus):
    """Forgetting the May notes drops a spelling of a merged person; the graph is then exactly what
    the remaining documents give, names and ids included."""
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    forget(OCN_MAY, store)
    rest = write_corpus(tmp_path / "rest", [n for n in ALL_DOCS if n != OCN_MAY])
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, rest, "fresh")
    people = {n.name: n.aliases for n in store.graph().nodes if n.kind == "Person"}
    assert people["Majken Påhittsdotter"] == []  # "Påhitsdotter" came only from the May notes
    assert "Eva Lund Tallberg" not in people


def test_forget_by_cited_name_and_unknown(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    assert forget("finns-inte.txt", store) is None
    assert forget(MANDATE, store).doc == MANDATE
    assert MANDATE not in store.registry().files
    assert forget(MANDATE, store) is None


# --- failures are data -------------------------------------------------------------------


def test_corrupted_later_keeps_the_previously_loaded_version(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    graph_before = store.graph_path.read_bytes()
    record_before = store.registry().files[OCN_MARCH]
    march = corpus / OCN_MARCH
    good = march.read_bytes()
    march.write_bytes(random.Random(7).randbytes(3000).replace(b"\n", b"\x00"))

    report = ingest([corpus], store)

    failed = {Path(f.path).name: f.reason for f in report.failed}
    assert list(failed) == [OCN_MARCH]
    assert failed[OCN_MARCH].startswith("binary file, not text")
    assert failed[OCN_MARCH].endswith("; the previously loaded version is kept")
    assert store.graph_path.read_bytes() == graph_before
    assert store.registry().files[OCN_MARCH] == record_before
    # put right again, it is the same file as before
    march.write_bytes(good)
    assert {f.status for f in ingest([march], store).files} == {"unchanged"}


def test_failed_file_does_not_stop_the_batch(tmp_path, corpus):
    (corpus / "a_tom.txt").write_bytes(b"")
    (corpus / "b_trasig.pdf").write_bytes(b"%PDF-1.7\n")
    store = EmbeddedStore(tmp_path / "store")
    seen = []
    report = ingest([corpus], store, progress=seen.append)
    assert [f.path for f in seen] == [f.path for f in report.files]
    failed = {Path(f.path).name: f.reason for f in report.failed}
    assert failed == {"a_tom.txt": "empty file", "b_trasig.pdf": failed["b_trasig.pdf"]}
    assert failed["b_trasig.pdf"].startswith("damaged PDF")
    assert report.count("loaded") == len(ALL_DOCS)
    registry = store.registry().files
    assert registry["a_tom.txt"].status == "failed" and registry["a_tom.txt"].error == "empty file"
    # a failed file contributes nothing and is tried again next time
    assert {f.document for f in store.fragments()} == set(ALL_DOCS)
    again = ingest([corpus], store)
    assert {Path(f.path).name for f in again.failed} == {"a_tom.txt", "b_trasig.pdf"}
    assert again.count("unchanged") == len(ALL_DOCS)


def test_a_parser_crash_costs_one_file(tmp_path, corpus, monkeypatch):
    from loaders import pipeline

    real = pipeline.parse_document

    def fragile(doc, lines, **props):
        if doc == STEERING_APRIL:
            raise IndexError("list index out of range")
        return real(doc, lines, **props)

    monkeypatch.setattr(pipeline, "parse_document", fragile)
    store = EmbeddedStore(tmp_path / "store")
    report = ingest([corpus], store)
    assert [(Path(f.path).name, f.reason) for f in report.failed] == [
        (STEERING_APRIL, "could not be parsed (IndexError: list index out of range)")
    ]
    assert report.count("loaded") == len(ALL_DOCS) - 1
    assert [Path(f.path).name for f in report.crashed] == [STEERING_APRIL]
    assert store.registry().files[STEERING_APRIL].crashed


def test_a_parser_crash_is_logged_with_its_traceback_and_named_by_status(tmp_path, corpus, monkeypatch, capsys):
    """A crash in the field must be traceable: time, document and the whole traceback in the store's log."""
    from loaders import pipeline
    from samverkan_cli.main import main

    real = pipeline.parse_document

    def fragile(doc, lines, **props):
        if doc == STEERING_APRIL:
            raise IndexError("list index out of range")
        return real(doc, lines, **props)

    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)  # loaded once, then a new version crashes the parser: the old facts stay
    monkeypatch.setattr(pipeline, "parse_document", fragile)
    (corpus / STEERING_APRIL).write_text((corpus / STEERING_APRIL).read_text(encoding="utf-8") + "\nÄndrad.\n")
    report = ingest([corpus / STEERING_APRIL], store)
    assert report.failed[0].reason.endswith("; the previously loaded version is kept")

    log = store.log_path.read_text(encoding="utf-8")
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ ERROR parser crash in " + re.escape(STEERING_APRIL), log)
    assert "Traceback (most recent call last):" in log and "in fragile" in log
    assert log.rstrip().endswith("IndexError: list index out of range")

    assert main(["status", "--store", str(store.root)]) == 0
    out = capsys.readouterr().out
    assert f"parserfel i 1 filer ({STEERING_APRIL}); hela felet står i {store.log_path}" in out

    monkeypatch.setattr(pipeline, "parse_document", real)  # fixed: the next ingest clears the mark
    ingest([corpus / STEERING_APRIL], store)
    assert not store.registry().files[STEERING_APRIL].crashed
    main(["status", "--store", str(store.root)])
    assert "parserfel" not in capsys.readouterr().out


# --- which files ---------------------------------------------------------------------------


def test_collect_paths_takes_documents_from_folders(tmp_path, corpus):
    (corpus / "ledamöter.xlsx").write_bytes(b"PK\x03\x04")
    (corpus / ".utkast.txt").write_text("dold", encoding="utf-8")
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD.txt").write_text("ref", encoding="utf-8")
    (corpus / "underkatalog").mkdir()
    (corpus / "underkatalog" / "NOTES.TXT").write_text("Protokoll", encoding="utf-8")
    explicit = tmp_path / "budget.xlsx"
    explicit.write_bytes(b"PK\x03\x04")

    files, skipped, failed = collect_paths([corpus, corpus / OCN_MARCH, explicit])

    names = [p.name for p in files]
    assert sorted(names[: len(ALL_DOCS)]) == sorted(ALL_DOCS)
    assert names[len(ALL_DOCS) :] == ["NOTES.TXT", "budget.xlsx"]  # no duplicate of OCN_MARCH
    assert [(p.name, reason) for p, reason in skipped] == [
        ("ledamöter.xlsx", "not a document: .xlsx (reads .txt, .md, .pdf and .docx)")
    ]
    assert failed == []


def test_unsupported_file_named_explicitly_fails_with_reason(tmp_path):
    sheet = tmp_path / "ledamöter.xlsx"
    sheet.write_bytes(b"PK\x03\x04 inte ett kalkylark")
    report = ingest([sheet], EmbeddedStore(tmp_path / "store"))
    assert [f.reason for f in report.failed] == [
        "unsupported file type .xlsx: expected .txt, .md, .pdf or .docx"
    ]


def test_same_file_name_in_two_folders(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / OCN_MARCH).write_text(TEXT_DOCS[OCN_MARCH], encoding="utf-8")
    (b / OCN_MARCH).write_text(TEXT_DOCS[OCN_MAY].replace("#", ""), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    report = ingest([a, b], store)
    docs = [f.doc for f in report.files]
    assert docs[0] == OCN_MARCH and docs[1] != OCN_MARCH and docs[1].endswith(".txt")
    assert {f.status for f in report.files} == {"loaded"}
    again = ingest([b, a], store)
    assert {f.doc: f.status for f in again.files} == {docs[1]: "unchanged", docs[0]: "unchanged"}
    meetings = {n.props["document"] for n in store.graph().nodes if n.kind == "Meeting"}
    assert meetings == set(docs)


def test_store_folder_can_be_copied(tmp_path, corpus):
    """Nothing in the store depends on where it lives: a copied store still knows its files."""
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    shutil.copytree(store.root, tmp_path / "copy")
    copy = EmbeddedStore(tmp_path / "copy")
    assert [f.status for f in ingest([corpus], copy).files] == ["unchanged"] * len(ALL_DOCS)


@pytest.mark.parametrize("name", [OCN_MARCH, OCN_MAY, STEERING_APRIL])
def test_minutes_dates_and_bodies(ingested_corpus, name):
    _, store_dir = ingested_corpus
    graph = EmbeddedStore(store_dir).graph()
    meeting = next(n for n in graph.nodes if n.kind == "Meeting" and n.props["document"] == name)
    expected = {OCN_MARCH: "2025-03-05", OCN_MAY: "2025-05-14", STEERING_APRIL: "2025-04-02"}[name]
    assert meeting.props["date"] == expected
    held_by = [e.target for e in graph.edges if e.type == "HELD_BY" and e.source == meeting.id]
    body = {OCN_MARCH: "network:omsorgschefsnatverket", OCN_MAY: "network:omsorgschefsnatverket",
            STEERING_APRIL: "steeringgroup:styrgruppen-for-omsorgschefsnatverket"}[name]  # fmt: skip
    assert held_by == [body]
