"""person(): roles over time, groups, meetings, presentations, commissions."""

from __future__ import annotations

from queries.fixtures import example_backend
from queries.person import person


def test_person_by_alias():
    answer = person(example_backend(), "Anna Anderson")
    assert answer.person.id == "person:anna"
    assert [(a.date, a.body, a.organisation, a.role) for a in answer.attendance] == [
        ("2024-03-01", "Nätverket", "Norrby", "ordförande"),
        ("2024-06-01", "Nätverket", "Norrby", None),
        ("2025-01-15", "Rådet", "Norrby", None),
    ]
    assert ("2024-03-01", "Norrby kommun", "förvaltningschef") in [
        (r.date, r.organisation, r.title) for r in answer.roles
    ]


def test_groups_presentations_commissions():
    bertil = person(example_backend(), "Bertil Berg")
    assert [(g.group.name, g.organisation) for g in bertil.groups] == [
        ("Regionala processgruppen", "Region Exempel")
    ]
    cecilia = person(example_backend(), "cecilia")
    assert [(p.number, p.title, p.document) for p in cecilia.presented] == [
        ("3", "Uppdragsbeskrivning för överenskommelse om exempelvård", "c.txt")
    ]
    assert [(c.by.name, c.date) for c in cecilia.commissions] == [("Styrgruppen för Nätverket", "2024-10-10")]


def test_as_of():
    answer = person(example_backend(), "Anna Andersson", as_of="2024-12-31")
    assert [a.date for a in answer.attendance] == ["2024-03-01", "2024-06-01"]


def test_unknown_person():
    assert person(example_backend(), "Ingen Alls").person is None
