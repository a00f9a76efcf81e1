"""Shared fixtures for the ingest tests: a small fictitious corpus and a provenance check.

Every person, group and text below is invented (Västernorrland's municipalities are real place
names only). The documents vary their layout on purpose: a name-first attendance table in plain
text, a Markdown table, a steering group's notes with "Beslut:" blocks, a mandate with a roles
table, and a council's protocol as DOCX with § items and a Word table.
"""

from __future__ import annotations

import builtins
import io
import json
import pathlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest

# --- the corpus -----------------------------------------------------------------------------

OCN_MARCH = "ocn_2025-03-05.txt"
OCN_MAY = "ocn_2025-05-14.md"
STEERING_APRIL = "styrgrupp_ocn_250402.txt"
MANDATE = "uppdrag_pg_aldreomsorg.txt"
COUNCIL_JUNE = "omsorgsradet_2025-06-11.docx"

TEXT_DOCS: dict[str, str] = {
    OCN_MARCH: """\
Regional samverkan Västernorrland

Minnesanteckningar Omsorgschefsnätverket (OCN)

Datum: 2025-03-10
Mötesdatum: 5 mars 2025
Tid: Kl. 09.00 – 12.00
Plats: Sambandshuset, Storgatan 4, Härnösand

Närvarande:
Torvald Exempelgren (ordf)   Härnösand
Majken Påhittsdotter         Sundsvall
Ylva Skissberg               Kramfors
Linnea Skogsberg             Timrå
Linnea Skogberg              Timrå
Folke Utkastsson             Ånge
Hjalmar Fiktivberg           Örnsköldsvik

1. Mötets öppnande
Ordförande Torvald Exempelgren hälsade välkommen och öppnade mötet.

Omsorgschefsnätverket beslutade:
att öppna mötet.

2. Godkännande av dagordning

Omsorgschefsnätverket beslutade:
att godkänna dagordningen.

3. Information: Trygg hemgång i Ånge
Föredragande: Folke Utkastsson, Ånge

Piloten med Trygg hemgång har pågått sedan hösten. Återinskrivningarna har minskat.

Omsorgschefsnätverket beslutade:
att lägga informationen om Trygg hemgång till handlingarna.

4. Beslut: Korttidsplatser i länet
Föredragande: Hjalmar Fiktivberg, Örnsköldsvik

Hjalmar Fiktivberg redovisade behovet av en länsgemensam kartläggning.

Omsorgschefsnätverket beslutade:
att ge Styrgruppen för Omsorgschefsnätverket i uppdrag att ta fram en uppdragsbeskrivning för en regional processgrupp inom äldreomsorg,
att anta tidplanen för kartläggningen av korttidsplatser.

5. Mötets avslutande
Ordföranden tackade och avslutade mötet.
""",
    OCN_MAY: """\
# Minnesanteckningar Omsorgschefsnätverket

**Mötesdatum:** 14 maj 2025
**Plats:** Teams

## Närvarande

| Namn | Organisation |
|---|---|
| Torvald Exempelgren (ordf) | Härnösand |
| Majken Påhitsdotter | Sundsvall |
| Ylva Skissberg | Kramfors |
| Eva Lund Tallberg | Sollefteå |
| Gunnel Provhed | Region Västernorrland |
| Dagny Testlund | RSS Västernorrland |

## 1. Mötets öppnande

Omsorgschefsnätverket beslutade:
att öppna mötet.

## 2. Rapport från Omsorgschefsnätverkets styrgrupp
Föredragande: Majken Påhitsdotter, Sundsvall

Styrgruppen har mött företrädare för kommunerna om korttidsplatserna.

Omsorgschefsnätverket beslutade:
att lägga rapporten om korttidsplatser till handlingarna.

## 3. Hemsjukvårdsavtalet
Föredragande: Gunnel Provhed, Region Västernorrland

Omsorgschefsnätverket beslutade:
att godkänna revideringen av Hemsjukvårdsavtalet.
""",
    STEERING_APRIL: """\
Minnesanteckningar
Omsorgschefsnätverkets styrgrupp

Datum: 2025-04-02
Tid: 13.00–15.00
Plats: Teams

Närvarande: Torvald Exempelgren (ordf), Härnösand; Majken Påhittsdotter, Sundsvall; Dagny Testlund, RSS Västernorrland (sekreterare).

1. Öppnande och dagordning
Ordföranden öppnade mötet.
Beslut: Dagordningen godkändes.

2. Uppdragsbeskrivning för regional processgrupp äldreomsorg
Föredragande: Dagny Testlund, RSS Västernorrland

Ett utkast till uppdragsbeskrivning har tagits fram.

Beslut:
att anta utkastet till uppdragsbeskrivning för Regional processgrupp äldreomsorg,
att uppdragsbeskrivningen fastställs vid nästa möte.

Styrgruppen uppdrar åt Ylva Skissberg att leda processgruppens första möte.

3. Avslut
Nästa möte: 2025-06-02.
""",
    MANDATE: """\
UPPDRAGSBESKRIVNING
Regional processgrupp äldreomsorg

Beslutad: 2025-06-02 av Styrgruppen för Omsorgschefsnätverket
Gäller till: 2026-12-31

1 Bakgrund
Omsorgschefsnätverket beslutade den 5 mars 2025 att en regional processgrupp för äldreomsorg ska inrättas.

2 Syfte
Att kommunerna och regionen ska planera korttidsplatser gemensamt.

3 Roller
Roll            Beskrivning
Beställare      Styrgruppen för Omsorgschefsnätverket
Uppdragstagare  Regional processgrupp äldreomsorg
Uppdragsledare  Ylva Skissberg, Kramfors kommun
Mottagare       Omsorgschefsnätverket

4 Finansiering
Region Västernorrland finansierar arbetet med 350 000 kr för 2025.
""",
}

COUNCIL_PARAGRAPHS_BEFORE = [
    "PROTOKOLL",
    "Omsorgsrådet Västernorrland",
    "",
    "Sammanträdesdatum: 2025-06-11",
    "Plats: Landstingshuset, Härnösand",
    "",
    "Närvarande:",
]
COUNCIL_TABLE = [
    ["Namn", "Organisation", "Roll"],
    ["Sigvard Låtsaslund", "Region Västernorrland", "ordförande"],
    ["Berit Modellgren", "Sundsvall", "vice ordförande"],
    ["Torvald Exempelgren", "Härnösand", ""],
]
COUNCIL_PARAGRAPHS_AFTER = [
    "",
    "§ 1 Mötets öppnande",
    "Ordföranden öppnade sammanträdet.",
    "",
    "§ 2 Rapport från Omsorgschefsnätverket",
    "Föredragande: Torvald Exempelgren, Härnösand",
    "Nätverket har inlett en kartläggning av korttidsplatser i länet.",
    "Beslut",
    "Omsorgsrådet beslutar att lägga rapporten till handlingarna.",
    "",
    "§ 3 Nästa sammanträde",
    "Nästa sammanträde hålls i Sundsvall.",
]

#: Documents that read as minutes (the mandate is the fifth).
MINUTES_DOCS = (OCN_MARCH, OCN_MAY, STEERING_APRIL, COUNCIL_JUNE)
ALL_DOCS = (*MINUTES_DOCS, MANDATE)


def council_docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    for text in COUNCIL_PARAGRAPHS_BEFORE:
        document.add_paragraph(text)
    table = document.add_table(rows=len(COUNCIL_TABLE), cols=len(COUNCIL_TABLE[0]))
    for r, row in enumerate(COUNCIL_TABLE):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in COUNCIL_PARAGRAPHS_AFTER:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def _council_docx() -> bytes:
    return council_docx_bytes()


@pytest.fixture
def write_corpus(_council_docx) -> Callable[..., Path]:
    """``write_corpus(folder, names=ALL_DOCS)`` writes the fictitious documents and returns the folder."""

    def write(folder: Path, names=ALL_DOCS) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            if name == COUNCIL_JUNE:
                (folder / name).write_bytes(_council_docx)
            else:
                (folder / name).write_text(TEXT_DOCS[name], encoding="utf-8")
        return folder

    return write


@pytest.fixture
def corpus(tmp_path, write_corpus) -> Path:
    return write_corpus(tmp_path / "docs")


@pytest.fixture(scope="session")
def ingested_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """(docs folder, store folder) with the whole corpus ingested once; tests must not change it."""
    from graph.store import EmbeddedStore
    from loaders.pipeline import ingest

    root = tmp_path_factory.mktemp("ingested")
    docs = root / "docs"
    docs.mkdir()
    for name in ALL_DOCS:
        if name == COUNCIL_JUNE:
            (docs / name).write_bytes(council_docx_bytes())
        else:
            (docs / name).write_text(TEXT_DOCS[name], encoding="utf-8")
    report = ingest([docs], EmbeddedStore(root / "store"))
    assert not report.failed, [(f.path, f.reason) for f in report.failed]
    return docs, root / "store"


@pytest.fixture
def forbid_reading(monkeypatch) -> Callable[[Path], None]:
    """``forbid_reading(path)``: fail the test if anything opens ``path`` to read its content.

    How a test shows that a file was refused from its size or its zip directory alone, without a
    wall-clock limit (timings belong in benchmarks/).
    """

    def forbid(path: Path) -> None:
        target = str(path)
        real_open, real_read_bytes, real_path_open = builtins.open, pathlib.Path.read_bytes, pathlib.Path.open

        def guarded_open(file, *args, **kwargs):
            assert str(file) != target, f"{target} was opened"
            return real_open(file, *args, **kwargs)

        def guarded_read_bytes(self):
            assert str(self) != target, f"{target} was read"
            return real_read_bytes(self)

        def guarded_path_open(self, *args, **kwargs):
            assert str(self) != target, f"{target} was opened"
            return real_path_open(self, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", guarded_open)
        monkeypatch.setattr(pathlib.Path, "read_bytes", guarded_read_bytes)
        monkeypatch.setattr(pathlib.Path, "open", guarded_path_open)

    return forbid


# --- provenance -----------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.replace("…", " ").casefold())


def source_problem(source: dict, lines_of: dict[str, list[str]], whole_head: bool = False) -> str | None:
    """Why a source does not point at its words, or None when it does.

    Pragmatic, because quotes are whitespace-normalised, truncated or elided with "…", may join a
    "Beslut" heading to its clause or put "att" before it: most of the first six words before any
    "…" must be found on the cited line and the few lines after it, and the first word or a longer
    one of them on the cited line itself (a sentence may start at the end of its line). With ``whole_head`` (a Document node, which cites line 1
    and its first non-empty line) the words need only be somewhere in the first 20 lines.
    """
    lines = lines_of.get(source["document"])
    if lines is None:
        return f"document {source['document']!r} was not ingested"
    n = source["line"]
    if not 1 <= n <= len(lines):
        return f"line {n} is outside the document (1..{len(lines)})"
    head = _tokens(source["quote"].split("…")[0])[:6]
    if not head:
        return "empty quote"
    if whole_head:
        window, on_line = set(_tokens(" ".join(lines[:20]))), None
    else:
        window, on_line = set(_tokens(" ".join(lines[n - 1 : n + 5]))), set(_tokens(lines[n - 1]))
    found = sum(1 for w in head if w in window)
    if found < max(1, round(0.8 * len(head))):
        return f"quote {source['quote'][:60]!r} is not at line {n}: {lines[n - 1][:60]!r}"
    if on_line is not None and head[0] not in on_line and not any(len(w) >= 4 and w in on_line for w in head):
        return f"quote {source['quote'][:60]!r} is not at line {n}: {lines[n - 1][:60]!r}"
    return None


def provenance_problems(export: dict, lines_of: dict[str, list[str]], documents=None) -> list[str]:
    """Every node and edge (of ``documents``, when given) needs one source that checks out."""
    problems = []
    for kind, items in (("node", export["nodes"]), ("edge", export["edges"])):
        for item in items:
            sources = item["sources"]
            if documents is not None and not any(s["document"] in documents for s in sources):
                continue
            what = item.get("id") or f"{item['type']} {item['source']} -> {item['target']}"
            if not sources:
                problems.append(f"{kind} {what}: no sources")
                continue
            whole_head = item.get("kind") == "Document"
            reasons = [source_problem(s, lines_of, whole_head) for s in sources]
            if all(reasons):
                problems.append(f"{kind} {what}: {reasons[0]}")
    return problems


def store_lines(store_dir: Path) -> dict[str, list[str]]:
    """The reader's text of every loaded document, as the store keeps it, split into lines."""
    from graph.store import EmbeddedStore

    store = EmbeddedStore(store_dir)
    out = {}
    for doc, record in store.registry().files.items():
        if record.status == "loaded":
            out[doc] = (store.text(doc) or "").split("\n")
    return out


def load_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
