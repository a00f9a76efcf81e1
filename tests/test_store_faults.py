"""Issue 10: nothing lost, nothing stale — the store under faults, bad names and hostile input.

Each test names the failure it pins; each failed before the fix (see the issue for how it showed).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from conftest import ALL_DOCS, MANDATE, OCN_MARCH, OCN_MAY, TEXT_DOCS

from graph.store import EmbeddedStore, StoreError, doc_file_key
from loaders import pipeline
from loaders.pipeline import collect_paths, ensure_fresh, forget, ingest, rebuild, repair
from samverkan_cli.main import main

SCN = TEXT_DOCS[OCN_MARCH]


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _cited(store: EmbeddedStore) -> set[str]:
    graph = store.graph()
    return {s.document for item in [*graph.nodes, *graph.edges] for s in item.sources}


def _fresh_graph(tmp_path: Path, docs: Path, name: str = "fresh") -> bytes:
    store = EmbeddedStore(tmp_path / name)
    assert not ingest([docs], store).failed
    return store.graph_path.read_bytes()


# --- 1. two names, one store file --------------------------------------------------------------


def test_two_names_that_differ_in_punctuation_keep_their_own_files(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    spaced, underscored = docs / "Protokoll SCN 2025-02-14.txt", docs / "Protokoll_SCN_2025-02-14.txt"
    spaced.write_text(SCN, encoding="utf-8")
    underscored.write_text(TEXT_DOCS[OCN_MAY].replace("#", ""), encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")

    report = ingest([docs], store)

    assert [f.status for f in report.files] == ["loaded", "loaded"]
    one, two = (f.doc for f in report.files)
    assert one != two and store.fragment_path(one) != store.fragment_path(two)
    assert store.fragment(one).document == one and store.fragment(two).document == two
    assert "Mötesdatum: 5 mars 2025" in store.text(one) and "14 maj 2025" in store.text(two)
    assert {one, two} <= _cited(store)  # the graph cites both, not only the second
    meetings = {n.id for n in store.graph().nodes if n.kind == "Meeting"}
    assert len(meetings) == 2  # their ids do not collide either
    # forgetting one leaves the other in the graph
    forget(str(spaced), store)
    assert _cited(store) >= {two} and one not in _cited(store)
    assert [f.status for f in ingest([underscored], store).files] == ["unchanged"]


def test_a_store_of_version_1_is_migrated_on_first_use(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    graph_before = store.graph_path.read_bytes()
    # make it a version-1 store: files named by the safe key alone
    registry = json.loads(store.registry_path.read_text(encoding="utf-8"))
    registry["version"] = 1
    for record in registry["files"].values():
        record.pop("aliases")
    store.registry_path.write_text(json.dumps(registry), encoding="utf-8")
    for doc in ALL_DOCS:
        safe = doc_file_key(doc).rsplit("~", 1)[0]
        os.replace(store.fragment_path(doc), store.root / "fragments" / f"{safe}.json")
        os.replace(store.text_path(doc), store.root / "texts" / f"{safe}.txt")

    old = EmbeddedStore(store.root)
    assert set(old.registry().files) == set(ALL_DOCS)
    assert json.loads(old.registry_path.read_text(encoding="utf-8"))["version"] == 2
    assert all(old.fragment(doc).document == doc and old.text(doc) for doc in ALL_DOCS)
    assert old.is_stale()
    assert ensure_fresh(old) and not old.is_stale()
    assert old.graph_path.read_bytes() == graph_before
    assert {f.status for f in ingest([corpus], old).files} == {"unchanged"}


# --- 2. uploads (views/uploads.py) are in tests/test_uploads.py ----------------------------------


# --- 3. a stale graph forever ----------------------------------------------------------------------


def test_a_kill_between_registry_and_graph_is_mended_by_the_next_command(tmp_path, corpus, monkeypatch, capsys):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus / OCN_MARCH], store)

    def killed(_store):
        raise KeyboardInterrupt  # Ctrl-C, or a kill, after the registry was saved

    monkeypatch.setattr(pipeline, "rebuild", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest([corpus], store)
    monkeypatch.undo()
    assert store.is_stale()

    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(store.root))  # all "oförändrad" …
    assert code == 0, err
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, corpus)  # … and still the whole graph
    assert not store.is_stale()


def test_a_read_only_command_rebuilds_a_graph_marked_out_of_date(tmp_path, corpus, capsys):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    store.graph_path.write_text('{"nodes": [], "edges": []}', encoding="utf-8")  # the old state …
    store.mark_stale()  # … with the mark a killed writer leaves
    code, _, err = _run(capsys, "status", "--store", str(store.root))
    assert code == 0, err
    assert "var inaktuell" in err
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, corpus)


def test_a_failed_rebuild_leaves_the_mark_and_is_done_once_mended(tmp_path, corpus, capsys):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus / OCN_MARCH], store)
    store.corrections_path.write_text("{trasig", encoding="utf-8")

    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(store.root))
    assert code == 1
    assert "corrections.json är skadad" in err and "Traceback" not in err
    assert store.is_stale()
    code, _, err = _run(capsys, "groups", "--store", str(store.root))
    assert code != 0 and "corrections.json" in err  # not a stale answer

    store.corrections_path.write_text('{"version": 1, "corrections": []}', encoding="utf-8")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(store.root))
    assert code == 0, err
    assert not store.is_stale()
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, corpus)


def test_a_failed_forget_is_finished_by_the_next_command(tmp_path, corpus, write_corpus, capsys):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    store.corrections_path.write_text("null", encoding="utf-8")
    code, _, err = _run(capsys, "forget", MANDATE, "--store", str(store.root))
    assert code == 1 and "corrections.json" in err
    assert store.is_stale()
    store.corrections_path.unlink()
    assert _run(capsys, "status", "--store", str(store.root))[0] == 0
    rest = write_corpus(tmp_path / "rest", [n for n in ALL_DOCS if n != MANDATE])
    assert store.graph_path.read_bytes() == _fresh_graph(tmp_path, rest)


# --- 4. symlink loops and unreadable folders --------------------------------------------------------


def test_a_symlink_loop_inside_a_folder_is_named_and_the_rest_loads(tmp_path, corpus, capsys):
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "a.md").symlink_to(corpus / "b.md")
    (corpus / "b.md").symlink_to(corpus / "a.md")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 1
    assert f"FEL {corpus / 'loop.txt'}: symlink loop" in err
    assert f"FEL {corpus / 'a.md'}: symlink loop" in err
    assert f"{len(ALL_DOCS)} inläst" in err and "Traceback" not in err


def test_a_symlink_loop_named_directly_is_called_a_loop(tmp_path, capsys):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, _, err = _run(capsys, "ingest", str(loop), "--store", str(tmp_path / "store"))
    assert code == 1
    assert f"FEL {loop}: symlink loop (the link points back at itself)" in err.splitlines()
    assert "finns inte" not in err


def test_an_unreadable_subfolder_is_named_and_fails_the_run(tmp_path, corpus, monkeypatch, capsys):
    locked = corpus / "låst"
    locked.mkdir()
    (locked / "hemlig.txt").write_text(SCN, encoding="utf-8")
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 1
    assert f"FEL {locked}: cannot open folder: Permission denied" in err.splitlines()


def test_skipped_files_are_named_with_the_reason(tmp_path, corpus, capsys):
    (corpus / "okand.xyz").write_text("?", encoding="utf-8")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 0
    assert f"hoppade över {corpus / 'okand.xyz'}: not a document: .xyz (reads .txt, .md, .pdf and .docx)" in err


# --- 5. damaged store files -------------------------------------------------------------------------

_DAMAGE = {
    "invalid utf-8": b"\xff\xfe\x00{",
    "a list": b"[]",
    "null": b"null",
    "a number": b"42",
    "wrong shape": b'{"version": 2, "files": {"x.txt": {"doc": 3}}, "nodes": [{"id": 1}], "corrections": [1]}',
    "truncated": b'{"version": 2, "files": {',
}
_FILES = ["registry.json", "graph.json", "corrections.json", "fragment", "text"]


def _damage(store: EmbeddedStore, which: str, data: bytes) -> Path:
    path = {
        "fragment": store.fragment_path(OCN_MARCH),
        "text": store.text_path(OCN_MARCH),
    }.get(which, store.root / which)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("which", "damage"),
    [(w, d) for w in _FILES for d in _DAMAGE if w != "text" or d == "invalid utf-8"],  # any UTF-8 is a text
)
def test_a_damaged_store_file_is_named_with_the_way_out_and_repair_mends_it(
    tmp_path, corpus, capsys, which, damage
):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    clean = store.graph_path.read_bytes()
    path = _damage(store, which, _DAMAGE[damage])

    errors = []
    commands = (["status"], ["groups"], ["ingest", str(corpus)], ["status", "--varningar", OCN_MARCH],
                ["forget", MANDATE])  # fmt: skip
    for argv in commands:
        code, _, err = _run(capsys, *argv, "--store", str(store.root))
        if code:
            errors.append(err)
            assert "Traceback" not in err and err.count("\n") == 1, err
            assert str(path) in err and ("samverkan repair" in err or "rätta filen" in err), err
    if which == "text":  # only the document view reads it: the store itself says so
        with pytest.raises(StoreError, match="samverkan repair"):
            EmbeddedStore(store.root).text(OCN_MARCH)
    else:
        assert errors, "a damaged file was accepted silently"

    code, _, err = _run(capsys, "repair", "--store", str(store.root))
    assert code == 0, err
    assert _run(capsys, "ingest", str(corpus), "--store", str(store.root))[0] == 0
    assert store.graph_path.read_bytes() == clean
    assert store.text(OCN_MARCH) == (corpus / OCN_MARCH).read_text(encoding="utf-8").rstrip("\n")


def test_registry_null_is_not_read_as_empty(tmp_path, corpus):
    """It was, and the next ingest dropped every other document from the graph."""
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    store.registry_path.write_text("null", encoding="utf-8")
    with pytest.raises(StoreError, match=r"registry\.json är skadad"):
        ingest([corpus / OCN_MARCH], store)
    assert len(repair(store).notes) >= 1
    assert set(store.registry().files) == set(ALL_DOCS)


def test_repair_reads_a_lost_fragment_again_from_its_text(tmp_path, corpus):
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    clean = store.graph_path.read_bytes()
    store.fragment_path(OCN_MAY).unlink()
    with pytest.raises(StoreError, match="saknas"):
        rebuild(store)
    report = repair(store)
    assert any("lästes om ur den sparade texten" in n for n in report.notes)
    assert store.graph_path.read_bytes() == clean


# --- 6. the same content under two names -------------------------------------------------------------


def test_copies_of_one_minutes_count_once_with_a_warning(tmp_path, corpus, capsys):
    copies = tmp_path / "kopior"
    copies.mkdir()
    for i in range(5):
        (copies / f"kopia_{i}.txt").write_text(SCN, encoding="utf-8")
    store = str(tmp_path / "store")

    code, _, err = _run(capsys, "ingest", str(copies), "--store", store)

    assert code == 0, err
    assert sum(1 for line in err.splitlines() if line.startswith("DUBBLETT ")) == 4
    assert f"DUBBLETT {copies / 'kopia_1.txt'}: samma innehåll som kopia_0.txt, räknas en gång" in err
    graph = EmbeddedStore(store).graph()
    assert sum(1 for n in graph.nodes if n.kind == "Meeting") == 1
    decisions = [n for n in graph.nodes if n.kind == "Decision"]
    assert decisions and all(len({s.document for s in n.sources}) == 1 for n in decisions)
    registry = EmbeddedStore(store).registry()
    assert list(registry.files) == ["kopia_0.txt"]
    assert len(registry.files["kopia_0.txt"].aliases) == 4
    # again: still duplicates, nothing rebuilt; a copy that changes becomes a document of its own
    assert _run(capsys, "ingest", str(copies), "--store", store)[2].count("DUBBLETT") == 4
    (copies / "kopia_3.txt").write_text(TEXT_DOCS[OCN_MAY], encoding="utf-8")
    _run(capsys, "ingest", str(copies / "kopia_3.txt"), "--store", store)
    registry = EmbeddedStore(store).registry()
    assert set(registry.files) == {"kopia_0.txt", "kopia_3.txt"}
    assert len(registry.files["kopia_0.txt"].aliases) == 3


# --- 7. time bounded by size ----------------------------------------------------------------------


@pytest.mark.slow
def test_a_5_mb_one_line_file_is_refused_by_name_in_seconds(tmp_path, capsys):
    path = tmp_path / "en_rad.txt"
    words = ["Styrgruppen", "för", "Länschefsnätverket", "beslutade", "att", "Åsa", "Dedering", "(S),", "ingår", "i"]
    text = " ".join(words[i % len(words)] for i in range(700_000))
    path.write_text(text[: 5 * 1024 * 1024], encoding="utf-8")
    started = time.perf_counter()
    code, _, err = _run(capsys, "ingest", str(path), "--store", str(tmp_path / "store"))
    elapsed = time.perf_counter() - started
    assert code == 1
    assert f"FEL {path}: too much text for one document: 5,242,880 characters, the limit is 2,000,000" in err
    assert elapsed < 10, elapsed


def test_a_document_over_its_time_budget_is_named_and_the_batch_goes_on(tmp_path, corpus, monkeypatch, capsys):
    real = pipeline.parse_document

    def slow(doc, lines, **props):
        if doc == OCN_MAY:
            while True:
                time.sleep(0.01)
        return real(doc, lines, **props)

    real(OCN_MARCH, SCN.split("\n"))  # the first parse of a process loads lexicons and patterns
    monkeypatch.setattr(pipeline, "parse_document", slow)
    monkeypatch.setenv("SAMVERKAN_PARSE_SECONDS", "1.5")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 1
    assert f"FEL {corpus / OCN_MAY}: too slow to read: parsing took more than 1.5 s" in err
    assert f"{len(ALL_DOCS) - 1} inläst" in err


# --- 8. names printed raw ---------------------------------------------------------------------------


def test_a_newline_in_a_file_name_cannot_forge_a_line(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "ok\nFEL forged: x.txt").write_bytes(b"")
    (docs / "ok\x1b[31m.txt").write_text(SCN, encoding="utf-8")
    code, _, err = _run(capsys, "ingest", str(docs), "--store", str(tmp_path / "store"), "-v")
    assert code == 1
    assert not any(line.startswith("FEL forged") for line in err.splitlines())
    assert f"FEL {docs}/ok\\nFEL forged: x.txt: empty file" in err.splitlines()
    assert "\x1b" not in err and "ok\\x1b[31m.txt" in err


def test_collect_paths_names_every_path_it_cannot_take(tmp_path):
    (tmp_path / "loop.md").symlink_to(tmp_path / "loop.md")
    (tmp_path / "borta.txt").symlink_to(tmp_path / "finns-inte.txt")
    files, skipped, failed = collect_paths([tmp_path, tmp_path / "saknas.txt"])
    assert files == [] and skipped == []
    assert sorted((p.name, r.split(":")[0].split(" (")[0]) for p, r in failed) == [
        ("borta.txt", "a link to nothing"), ("loop.md", "symlink loop"), ("saknas.txt", "finns inte")]  # fmt: skip


@pytest.mark.parametrize("damage", list(_DAMAGE))
def test_a_damaged_stats_file_is_a_cache_counted_again(tmp_path, corpus, damage):
    """stats.json only spares reading the graph for its counts: damaged, the graph is counted."""
    store = EmbeddedStore(tmp_path / "store")
    ingest([corpus], store)
    want = (len(store.graph().nodes), len(store.graph().edges))
    (store.root / "stats.json").write_bytes(_DAMAGE[damage])
    assert EmbeddedStore(store.root).counts() == want
    repair(store)
    assert json.loads((store.root / "stats.json").read_text(encoding="utf-8")) == dict(zip(("nodes", "edges"), want, strict=True))


def test_forgetting_an_alias_leaves_its_document(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.txt", "b.txt"):
        (docs / name).write_text(SCN, encoding="utf-8")
    store = EmbeddedStore(tmp_path / "store")
    ingest([docs], store)
    code, out, _ = _run(capsys, "status", "--store", str(store.root))
    assert code == 0
    assert f"dubblett {docs / 'b.txt'}  samma innehåll som a.txt, räknas en gång" in out
    graph = store.graph_path.read_bytes()
    assert forget(str(docs / "b.txt"), store).path == str((docs / "b.txt").resolve())
    assert store.registry().files["a.txt"].aliases == [] and store.graph_path.read_bytes() == graph


def test_the_time_budget_keeps_a_timer_set_by_someone_else(tmp_path, corpus):
    """pytest-timeout (and any caller) may have its own SIGALRM timer: the budget must not cancel it."""
    import signal

    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(True))
    signal.setitimer(signal.ITIMER_REAL, 5.0)
    try:
        ingest([corpus / OCN_MARCH], EmbeddedStore(tmp_path / "store"))
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 5.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired
