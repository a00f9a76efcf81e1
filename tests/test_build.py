"""One document's fragment (``parse_document`` -> ``loaders.build``): ids, sources, warnings.

Small fictitious documents as inline strings. These tests pin what the fragment must hold for
the rest of the pipeline to work (ids scoped to the document, a source on every fact, problems as
warnings), not every detail the parsers extract.
"""

from __future__ import annotations

import pytest
from conftest import MANDATE, OCN_MARCH, TEXT_DOCS, provenance_problems

from graph.models import ENTITY_KINDS, EdgeType, NodeKind
from loaders.pipeline import parse_document

FRITID = """\
Minnesanteckningar Fritidsnätverket

Mötesdatum: 2025-09-03
Plats: Folkets hus, Kramfors

Närvarande:
Ronja Ekvall (ordf)      Timrå
Ylva Skissberg           Kramfors
Linnea Skogsberg         Ånge
Linnea Bergdahl          Sollefteå

1. Mötets öppnande
Fritidsnätverket beslutade:
att öppna mötet.

2. Information: Simskola för nyanlända
Föredragande: Ylva Skissberg, Kramfors

Ylva berättade om sommarens simskola.

Fritidsnätverket beslutade:
att lägga informationen till handlingarna.

3. Information: Spontanidrott
Föredragande: Ronja Ekvall, Timrå

Fritidsnätverket beslutade:
att lägga informationen om spontanidrott till handlingarna.
"""


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _fragment_as_export(fragment) -> dict:
    data = fragment.model_dump(mode="json")
    return {"nodes": data["nodes"], "edges": data["edges"]}


def test_document_meeting_items_and_decisions_get_document_scoped_ids():
    fragment = parse_document("fritid_2025-09-03.txt", _lines(FRITID), format="txt", content_hash="abc")
    by_kind: dict[str, list] = {}
    for node in fragment.nodes:
        by_kind.setdefault(node.kind.value, []).append(node)
    (document,) = by_kind["Document"]
    assert document.id == "document:fritid-2025-09-03-txt"
    assert document.props == {"doc_kind": "minutes", "format": "txt", "content_hash": "abc"}
    (meeting,) = by_kind["Meeting"]
    assert meeting.id == "meeting:fritid-2025-09-03-txt"
    assert meeting.props["date"] == "2025-09-03" and meeting.props["document"] == "fritid_2025-09-03.txt"
    assert [n.props["number"] for n in by_kind["AgendaItem"]] == ["1", "2", "3"]  # so the all() below has items
    assert all(n.id.startswith("agendaitem:fritid-2025-09-03-txt:") for n in by_kind["AgendaItem"])
    assert [n.props["text"].rstrip(".") for n in by_kind["Decision"]] == [
        "att öppna mötet",
        "att lägga informationen till handlingarna",
        "att lägga informationen om spontanidrott till handlingarna",
    ]
    assert all(n.props["status"] == "taken" and n.props["date"] == "2025-09-03" for n in by_kind["Decision"])
    # the meeting points at its document and its body
    edges = {(e.type, e.source, e.target) for e in fragment.edges}
    assert (EdgeType.FROM_DOCUMENT, meeting.id, document.id) in edges
    assert (EdgeType.HELD_BY, meeting.id, "network:fritidsnatverket") in edges


def test_same_text_in_two_documents_gives_two_meetings_but_one_entity_id():
    one = parse_document("a.txt", _lines(FRITID))
    two = parse_document("b.txt", _lines(FRITID))
    ids_one, ids_two = {n.id for n in one.nodes}, {n.id for n in two.nodes}
    shared = ids_one & ids_two
    assert "meeting:a-txt" in ids_one and "meeting:b-txt" in ids_two
    # entities carry provisional ids from their name; everything else belongs to its document
    assert "person:ronja-ekvall" in shared and "network:fritidsnatverket" in shared
    assert all(n.kind in ENTITY_KINDS for n in one.nodes if n.id in shared)


def test_every_fact_has_a_source_at_its_line():
    lines = _lines(FRITID)
    fragment = parse_document("fritid.txt", lines)
    assert fragment.nodes and fragment.edges
    assert all(n.sources for n in fragment.nodes) and all(e.sources for e in fragment.edges)
    assert provenance_problems(_fragment_as_export(fragment), {"fritid.txt": lines}) == []


@pytest.mark.parametrize("name", [OCN_MARCH])
def test_sources_of_a_corpus_document(name):
    lines = _lines(TEXT_DOCS[name])
    fragment = parse_document(name, lines)
    assert provenance_problems(_fragment_as_export(fragment), {name: lines}) == []


def test_attendance_roles_and_organisations():
    fragment = parse_document("fritid.txt", _lines(FRITID))
    attended = {e.source: e.props for e in fragment.edges if e.type == EdgeType.ATTENDED}
    assert attended["person:ronja-ekvall"] == {"organisation": "Timrå", "role": "ordförande"}
    assert attended["person:ylva-skissberg"] == {"organisation": "Kramfors"}
    affiliated = {(e.source, e.target) for e in fragment.edges if e.type == EdgeType.AFFILIATED_WITH}
    assert ("person:ylva-skissberg", "organisation:kramfors-kommun") in affiliated


def _with_first_name_commission() -> list[str]:
    text = FRITID.replace(
        "att lägga informationen om spontanidrott till handlingarna.",
        "att Ylva och Linnea tar fram ett underlag om spontanidrott till nästa möte.",
    )
    return _lines(text)


def test_a_first_name_alone_is_resolved_when_one_person_has_it():
    fragment = parse_document("fritid.txt", _with_first_name_commission())
    commissioned = {e.target for e in fragment.edges if e.type == EdgeType.COMMISSIONS}
    assert "person:ylva-skissberg" in commissioned
    # two attendees are called Linnea: no guess
    assert not any(t.startswith("person:linnea") for t in commissioned)
    assert not any(n.name == "Linnea" for n in fragment.nodes)


def test_an_ambiguous_first_name_leaves_a_warning():
    fragment = parse_document("fritid.txt", _with_first_name_commission())
    assert any("Linnea" in w.message and w.line for w in fragment.warnings), fragment.warnings


def test_undated_minutes_keep_date_null_with_a_warning():
    text = FRITID.replace("Mötesdatum: 2025-09-03\n", "")
    fragment = parse_document("odaterad.txt", _lines(text))
    meeting = next(n for n in fragment.nodes if n.kind == NodeKind.MEETING)
    assert meeting.props.get("date") is None
    assert meeting.name.endswith("(datum saknas)")
    assert any("datum" in w.message for w in fragment.warnings)


def test_neither_minutes_nor_mandate_is_read_as_minutes_with_a_warning():
    lines = ["Inbjudan", "", "Välkommen till en dag om spontanidrott i Timrå den 4 oktober."]
    fragment = parse_document("inbjudan.txt", lines)
    assert fragment.doc_kind == "unknown"
    assert fragment.warnings[0].message.startswith("varken protokoll eller uppdragsbeskrivning")
    assert fragment.warnings[0].document == "inbjudan.txt"


def test_mandate_fragment_has_commission_and_funding():
    fragment = parse_document(MANDATE, _lines(TEXT_DOCS[MANDATE]))
    assert fragment.doc_kind == "mandate"
    funding = [n for n in fragment.nodes if n.kind == NodeKind.FUNDING]
    assert [n.props["amount_sek"] for n in funding] == [350000]
    commissions = [e for e in fragment.edges if e.type == EdgeType.COMMISSIONS]
    assert [e.source for e in commissions] == ["steeringgroup:styrgruppen-for-omsorgschefsnatverket"]
    document = next(n for n in fragment.nodes if n.kind == NodeKind.DOCUMENT)
    assert document.props["decided"] == "2025-06-02" and document.props["valid_to"] == "2026-12-31"


def test_mandate_subject_is_the_title_not_the_title_and_the_next_word():
    """Regression: the title line once ran on into the next line ('… äldreomsorg Beslutad')."""
    lines = _lines(
        "UPPDRAGSBESKRIVNING\n"
        "Regional processgrupp äldreomsorg\n"
        "\n"
        "Beslutad: 2025-06-02 av Styrgruppen för Omsorgschefsnätverket\n"
        "\n"
        "Syfte\n"
        "Att kommunerna och regionen ska planera korttidsplatser gemensamt.\n"
    )
    fragment = parse_document("uppdrag.txt", lines)
    groups = [n.name for n in fragment.nodes if n.kind == NodeKind.PROCESS_GROUP]
    assert groups == ["Regional processgrupp äldreomsorg"]


def test_procedural_items_are_not_initiatives():
    text = (
        FRITID.replace("1. Mötets öppnande", "1. Öppnande och dagordning")
        + "\n4. Avslut\nMötet avslutades.\n"
    )
    fragment = parse_document("fritid.txt", _lines(text))
    initiatives = {n.name for n in fragment.nodes if n.kind == NodeKind.INITIATIVE}
    assert initiatives.isdisjoint({"Öppnande och dagordning", "Avslut"}), initiatives
