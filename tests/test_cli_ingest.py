"""``samverkan ingest``, ``export``, ``forget`` and ``status`` as a user meets them.

Bad inputs each get exactly one line on stderr, "FEL <path>: <reason>", the good files in the same
run still load, and the exit status is 1; with only good files it is 0. The export follows
CONTRACT.md and every fact in it can be found again at the line its source names.
"""

from __future__ import annotations

import io
import json
import random
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from conftest import ALL_DOCS, MANDATE, MINUTES_DOCS, OCN_MARCH, load_json, provenance_problems, store_lines

from samverkan_cli.main import main

NODE_KINDS = {
    "Network", "Council", "SteeringGroup", "ProcessGroup", "ProgramArea", "WorkingGroup", "Organisation",
    "Person", "Agreement", "Funding", "Initiative", "Document", "Meeting", "AgendaItem", "Decision",
}  # fmt: skip
EDGE_TYPES = {
    "HELD_BY", "HAS_ITEM", "HAS_DECISION", "DECIDED_BY", "ATTENDED", "PRESENTED", "MEMBER_OF",
    "AFFILIATED_WITH", "COMMISSIONS", "REPORTS_TO", "STEERS", "PART_OF", "FUNDS", "PARTY_TO", "CONCERNS",
    "FROM_DOCUMENT",  # not in the contract's table: provenance as structure, Meeting/subject -> Document
}  # fmt: skip

CP1252_MINUTES = """\
Protokoll Välfärdsrådet

Sammanträdesdatum: 2025-10-16
Plats: Kommunhuset, Sundsvall

Närvarande:
Åsa Ström (ordf)          Sundsvall
Örjan Älvhed              Timrå
Märta Öberg               Region Västernorrland

§ 1 Mötets öppnande
Ordföranden Åsa Ström öppnade sammanträdet.

§ 2 Äldreomsorgens kompetensförsörjning
Föredragande: Örjan Älvhed, Timrå
Beslut
Välfärdsrådet beslutar att lägga informationen om kompetensförsörjning till handlingarna.
"""


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _fel_lines(err: str) -> dict[str, str]:
    """{path: reason} from the "FEL <path>: <reason>" lines; each path at most once."""
    found: dict[str, str] = {}
    for line in err.splitlines():
        if line.startswith("FEL "):
            path, _, reason = line[4:].partition(": ")
            assert path not in found, f"two lines for {path}"
            found[path] = reason
    return found


# --- bad files, made quickly ----------------------------------------------------------------


def _pdf_bytes(lines: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _encrypted_pdf(path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_pdf_bytes(["Protokoll Omsorgsradet"]))))
    writer.encrypt(user_password="hemligt", algorithm="RC4-128")
    writer.write(path)


def _docx_bomb(path: Path) -> None:
    """60 KiB on disk, 60 MiB of document.xml inside: over the 50 MiB limit."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"A" * (60 * 1024 * 1024) + b"</w:document>")


def _docx_lying_about_its_size(path: Path) -> None:
    """A real DOCX whose document.xml expands to 60 MiB while the zip says it is a few KiB."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Protokoll")
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    small = source.read("word/document.xml")
    head, tail = small.split(b"<w:body>")
    big = head + b"<w:body>" + b"<w:p><w:r><w:t>" + b"A" * (60 * 1024 * 1024) + b"</w:t></w:r></w:p>" + tail
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(
                info.filename, big if info.filename == "word/document.xml" else source.read(info)
            )
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    # (signature, offset of name length, offset of uncompressed size, header length)
    for signature, name_len_at, size_at, header in ((b"PK\x03\x04", 26, 22, 30), (b"PK\x01\x02", 28, 24, 46)):
        pos = 0
        while (at := data.find(signature, pos)) >= 0:
            (length,) = struct.unpack("<H", data[at + name_len_at : at + name_len_at + 2])
            if data[at + header : at + header + length] == name:
                data[at + size_at : at + size_at + 4] = struct.pack("<I", len(small))
            pos = at + 4
    path.write_bytes(bytes(data))


@pytest.fixture
def bad_files(tmp_path) -> dict[str, tuple[Path, str]]:
    """{label: (path, what the reason must start with)}."""
    bad = tmp_path / "bad"
    bad.mkdir()
    files: dict[str, tuple[Path, str]] = {}

    def add(label: str, name: str, expected: str) -> Path:
        files[label] = (bad / name, expected)
        return bad / name

    add("empty", "tom.txt", "empty file").write_bytes(b"")
    add("garbage", "skräp.txt", "binary file, not text").write_bytes(random.Random(5).randbytes(4096))
    add("corrupt pdf", "trasig.pdf", "damaged PDF").write_bytes(random.Random(6).randbytes(5000))
    truncated = _pdf_bytes(["Protokoll Omsorgsradet", "1. Motets oppnande"])
    add("truncated pdf", "avkortad.pdf", "").write_bytes(truncated[: len(truncated) // 3])
    _encrypted_pdf(add("encrypted pdf", "krypterad.pdf", "krypterad: encrypted PDF with a password"))
    add("xlsx", "ledamöter.xlsx", "unsupported file type .xlsx").write_bytes(b"PK\x03\x04 inget kalkylark")
    with open(add("huge", "jättestor.txt", "too large: 47.7 MiB, the limit is 20 MiB"), "wb") as fh:
        fh.truncate(50 * 1000 * 1000)  # sparse: no disk, no time
    _docx_bomb(add("docx bomb", "bomb.docx", "DOCX expands to 60.0 MiB uncompressed, the limit is 50.0 MiB"))
    _docx_lying_about_its_size(add("lying docx", "ljuger.docx", "damaged DOCX"))
    files["missing"] = (bad / "finns-inte.md", "finns inte")
    return files


def test_bad_inputs_one_line_each_and_good_files_still_load(tmp_path, corpus, bad_files, capsys, forbid_reading):
    store = tmp_path / "store"
    forbid_reading(bad_files["huge"][0])  # refused from its size alone
    paths = [str(p) for p, _ in bad_files.values()] + [str(corpus)]

    code, out, err = _run(capsys, "ingest", *paths, "--store", str(store))

    assert code == 1
    assert out == ""
    fel = _fel_lines(err)
    assert set(fel) == {str(p) for p, _ in bad_files.values()}, err
    for label, (path, expected) in bad_files.items():
        reason = fel[str(path)]
        assert reason.startswith(expected), (label, reason)
        assert "Traceback" not in reason and "\n" not in reason
    truncated = fel[str(bad_files["truncated pdf"][0])]
    assert truncated.startswith(("damaged PDF", "no text layer")), truncated
    # the good files of the same run are in the graph
    registry = json.loads((store / "registry.json").read_text(encoding="utf-8"))["files"]
    assert {doc for doc, r in registry.items() if r["status"] == "loaded"} == set(ALL_DOCS)
    # a summary line comes last and counts the missing path too
    summary = err.strip().splitlines()[-1]
    assert summary.startswith(f"{len(bad_files) + len(ALL_DOCS)} filer (")
    assert f"{len(ALL_DOCS)} inläst" in summary and f"{len(bad_files)} FEL" in summary


def test_summary_counts_a_missing_path_as_failed(tmp_path, corpus, capsys):
    """Regression: a missing path is counted among the failed files in the summary."""
    missing = tmp_path / "finns-inte.txt"
    code, _, err = _run(
        capsys, "ingest", str(corpus / OCN_MARCH), str(missing), "--store", str(tmp_path / "s")
    )
    assert code == 1
    # it once said "2 filer (1 inläst); …", leaving the missing path in no count
    assert err.strip().splitlines()[-1].startswith("2 filer (1 inläst, 1 FEL)")


def test_only_good_files_exit_zero_then_unchanged(tmp_path, corpus, capsys):
    store = str(tmp_path / "store")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", store, "-v")
    assert code == 0, err
    assert "FEL" not in err
    assert sum(1 for line in err.splitlines() if line.startswith("inläst")) == len(ALL_DOCS)
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", store)
    assert code == 0
    assert err.strip().splitlines()[-1].startswith(f"{len(ALL_DOCS)} filer ({len(ALL_DOCS)} oförändrad)")


def test_folder_with_other_files_is_not_a_failure(tmp_path, corpus, capsys):
    (corpus / "ledamöter.xlsx").write_bytes(b"PK\x03\x04")
    code, _, err = _run(capsys, "ingest", str(corpus), "--store", str(tmp_path / "store"))
    assert code == 0, err
    assert "1 andra filer hoppades över" in err


@pytest.mark.slow
def test_console_script_exit_status(tmp_path, corpus):
    samverkan = Path(sys.executable).with_name("samverkan")
    if not samverkan.exists():
        pytest.skip("the samverkan console script is not installed in this environment")
    empty = tmp_path / "tom.md"
    empty.write_bytes(b"")
    store = str(tmp_path / "store")
    bad = subprocess.run([samverkan, "ingest", str(corpus / OCN_MARCH), str(empty), "--store", store],
                         capture_output=True, text=True, timeout=120)  # fmt: skip
    assert bad.returncode == 1
    assert f"FEL {empty}: empty file" in bad.stderr.splitlines()
    good = subprocess.run([samverkan, "ingest", str(corpus / OCN_MARCH), "--store", store],
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert good.returncode == 0, good.stderr


def test_corrupted_later_keeps_old_facts(tmp_path, corpus, capsys):
    store = str(tmp_path / "store")
    assert _run(capsys, "ingest", str(corpus), "--store", store)[0] == 0
    _, before, _ = _run(capsys, "export", "--store", store, "--format", "json")
    (corpus / OCN_MARCH).write_bytes(b"\x00\x01\x02" * 1000)

    code, _, err = _run(capsys, "ingest", str(corpus), "--store", store)

    assert code == 1
    reason = _fel_lines(err)[str(corpus / OCN_MARCH)]
    assert reason.startswith("binary file, not text") and "previously loaded version is kept" in reason
    _, after, _ = _run(capsys, "export", "--store", store, "--format", "json")
    assert after == before
    assert any(n["id"] == "meeting:ocn-2025-03-05-txt" for n in json.loads(after)["nodes"])


def test_deleted_later_keeps_old_facts(tmp_path, corpus, capsys):
    store = str(tmp_path / "store")
    _run(capsys, "ingest", str(corpus), "--store", store)
    (corpus / OCN_MARCH).unlink()
    code, _, err = _run(capsys, "ingest", str(corpus / OCN_MARCH), "--store", store)
    assert code == 1
    assert _fel_lines(err)[str(corpus / OCN_MARCH)].startswith("finns inte")
    _, out, _ = _run(capsys, "export", "--store", store)
    assert any(n["id"] == "meeting:ocn-2025-03-05-txt" for n in json.loads(out)["nodes"])


# --- encodings --------------------------------------------------------------------------------


def test_cp1252_file_keeps_its_swedish_letters(tmp_path, capsys):
    path = tmp_path / "valfardsradet_2025-10-16.txt"
    path.write_bytes(CP1252_MINUTES.encode("cp1252"))
    store = str(tmp_path / "store")
    assert _run(capsys, "ingest", str(path), "--store", store)[0] == 0
    _, out, _ = _run(capsys, "export", "--store", store, "--format", "json")
    graph = json.loads(out)
    names = {n["kind"]: set() for n in graph["nodes"]}
    for n in graph["nodes"]:
        names[n["kind"]].add(n["name"])
    assert {"Åsa Ström", "Örjan Älvhed", "Märta Öberg"} <= names["Person"]
    assert "Välfärdsrådet" in names["Council"]
    assert "Ã" not in out and "\ufffd" not in out
    meeting = next(n for n in graph["nodes"] if n["kind"] == "Meeting")
    assert meeting["props"]["date"] == "2025-10-16"
    attended = {e["source"]: e["props"] for e in graph["edges"] if e["type"] == "ATTENDED"}
    assert attended["person:asa-strom"] == {"organisation": "Sundsvall", "role": "ordförande"}
    # the stored text, which sources refer to, is UTF-8 with the right letters
    from graph.store import EmbeddedStore

    text = EmbeddedStore(tmp_path / "store").text_path(path.name).read_text(encoding="utf-8")
    assert "Åsa Ström (ordf)" in text.split("\n")[6]


# --- export -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[dict, Path]:
    from conftest import COUNCIL_JUNE, TEXT_DOCS, council_docx_bytes

    root = tmp_path_factory.mktemp("export")
    docs = root / "docs"
    docs.mkdir()
    for name in ALL_DOCS:
        if name == COUNCIL_JUNE:
            (docs / name).write_bytes(council_docx_bytes())
        else:
            (docs / name).write_text(TEXT_DOCS[name], encoding="utf-8")
    assert main(["ingest", str(docs), "--store", str(root / "store")]) == 0
    out = root / "graph.json"
    assert main(["export", "--store", str(root / "store"), "--format", "json", "-o", str(out)]) == 0
    return load_json(out), root / "store"


def test_export_json_has_the_contract_shape(exported):
    graph, _ = exported
    assert set(graph) == {"nodes", "edges"}
    ids = [n["id"] for n in graph["nodes"]]
    assert ids and graph["edges"]
    assert len(ids) == len(set(ids))
    for node in graph["nodes"]:
        assert set(node) == {"id", "kind", "name", "aliases", "props", "sources"}, node
        assert node["kind"] in NODE_KINDS
        assert isinstance(node["name"], str) and node["name"]
        assert isinstance(node["aliases"], list) and node["name"] not in node["aliases"]
        assert isinstance(node["props"], dict)
        assert node["sources"], node["id"]  # every node cites where it was read
        for s in node["sources"]:
            assert set(s) == {"document", "line", "quote"} and isinstance(s["line"], int)
    for edge in graph["edges"]:
        assert set(edge) == {"source", "target", "type", "props", "sources"}, edge
        assert edge["type"] in EDGE_TYPES
        assert edge["source"] in ids and edge["target"] in ids
        assert edge["sources"], edge
        for s in edge["sources"]:
            assert set(s) == {"document", "line", "quote"}
    kinds = {n["kind"] for n in graph["nodes"]}
    assert {"Meeting", "AgendaItem", "Decision", "Person", "Network", "Document"} <= kinds
    meetings = [n for n in graph["nodes"] if n["kind"] == "Meeting"]
    decisions = [n for n in graph["nodes"] if n["kind"] == "Decision"]
    assert len(meetings) == len(MINUTES_DOCS) and decisions
    for meeting in meetings:
        assert "date" in meeting["props"] and meeting["props"]["document"] in ALL_DOCS
    for decision in decisions:
        assert decision["props"]["status"] in ("taken", "reported")
        # a decision a mandate reports belongs to no agenda item
        from_mandate = decision["props"]["document"] not in MINUTES_DOCS
        assert decision["props"]["text"] and (decision["props"]["item"] or from_mandate)


def test_every_fact_of_the_minutes_is_at_its_line(exported):
    graph, store = exported
    lines = store_lines(store)
    assert set(lines) == set(ALL_DOCS)
    problems = provenance_problems(graph, lines, documents=set(MINUTES_DOCS))
    assert problems == []


def test_every_fact_of_the_mandate_is_at_its_line(exported):
    graph, store = exported
    assert provenance_problems(graph, store_lines(store), documents={MANDATE}) == []


def test_provenance_check_catches_a_wrong_line(exported):
    """The check above is not vacuous: move one source by a few lines and it complains."""
    graph, store = exported
    lines = store_lines(store)
    decision = next(
        n for n in graph["nodes"] if n["kind"] == "Decision" and n["sources"][0]["document"] == OCN_MARCH
    )
    moved = json.loads(json.dumps({"nodes": [decision], "edges": []}))
    moved["nodes"][0]["sources"][0]["line"] -= 4
    assert provenance_problems({"nodes": [decision], "edges": []}, lines) == []
    assert len(provenance_problems(moved, lines)) == 1


def test_export_graphml_parses(exported, tmp_path, capsys):
    graph, store = exported
    code, out, _ = _run(capsys, "export", "--store", str(store), "--format", "graphml")
    assert code == 0
    path = tmp_path / "graph.graphml"
    path.write_text(out, encoding="utf-8")
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == len(graph["nodes"])
    assert g.number_of_edges() == len(graph["edges"])
    meeting = g.nodes["meeting:ocn-2025-03-05-txt"]
    assert meeting["kind"] == "Meeting" and meeting["p_date"] == "2025-03-05"
    assert json.loads(meeting["sources"])[0]["document"] == OCN_MARCH


# --- forget and status --------------------------------------------------------------------------


def test_forget_and_status(tmp_path, corpus, capsys):
    store = str(tmp_path / "store")
    _run(capsys, "ingest", str(corpus), "--store", store)
    code, out, _ = _run(capsys, "status", "--store", store)
    assert code == 0
    assert sum(1 for line in out.splitlines() if line.startswith("inläst")) == len(ALL_DOCS)

    code, _, err = _run(capsys, "forget", str(corpus / OCN_MARCH), "--store", store)
    assert code == 0 and err.startswith(f"glömde {OCN_MARCH}")
    _, out, _ = _run(capsys, "export", "--store", store)
    assert not any(s["document"] == OCN_MARCH for n in json.loads(out)["nodes"] for s in n["sources"])
    code, _, err = _run(capsys, "forget", str(corpus / OCN_MARCH), "--store", store)
    assert code == 1 and err.startswith(f"FEL {corpus / OCN_MARCH}:")
