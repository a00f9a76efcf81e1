"""groups(): the register, its columns and its gaps."""

from __future__ import annotations

from queries.fixtures import example_backend
from queries.groups import groups


def rows(**kw):
    return {r.name: r for r in groups(example_backend(), **kw)}


def test_sorted_by_kind_then_name():
    got = [(r.kind, r.name) for r in groups(example_backend(), today="2025-06-01")]
    assert got == [
        ("Council", "Rådet"),
        ("Network", "Nätverket"),
        ("SteeringGroup", "Styrgruppen för Nätverket"),
        ("ProcessGroup", "Processgrupp norr"),
        ("ProcessGroup", "Processgrupp söder"),
        ("ProcessGroup", "Regionala processgruppen"),
        ("WorkingGroup", "Arbetsgruppen för exempelavtalet"),
    ]


def test_gaps_golden():
    """A gap is what the documents show is missing; what they do not tell is unknown (issue 9)."""
    got = {name: (r.gaps, r.unknown) for name, r in rows(today="2025-06-01").items()}
    nothing_known = ["members", "activity", "municipal_representation"]
    assert got == {
        "Rådet": (["no_mandate"], []),
        "Nätverket": (["no_mandate"], []),
        "Styrgruppen för Nätverket": ([], nothing_known),
        "Processgrupp norr": ([], nothing_known),
        "Processgrupp söder": ([], nothing_known),
        # one member, from the region: known people and no municipality is a gap; no meetings is not
        "Regionala processgruppen": (["no_municipal_representation", "mandate_expired"], ["activity"]),
        "Arbetsgruppen för exempelavtalet": (["no_steering_group"], nothing_known),
    }


def test_register_columns():
    r = rows(today="2025-06-01")
    regional = r["Regionala processgruppen"]
    assert regional.parent.name == "Styrgruppen för Nätverket"
    assert [s.name for s in regional.steered_by] == ["Styrgruppen för Nätverket"]
    assert [m.source.name for m in regional.mandated_by] == ["Styrgruppen för Nätverket"]
    assert regional.mandate_documents == ["e.txt"]
    assert regional.purpose == "leda och samordna exempelvården"
    assert [(m.person.name, m.via) for m in regional.members] == [("Bertil Berg", "MEMBER_OF")]
    assert regional.regions == ["Region Exempel"]
    assert [(m.counterpart.name, m.direction, m.amount_sek) for m in regional.money] == [
        ("Exempelavtalet", "in", 100000)
    ]
    assert [a.name for a in regional.agreements] == ["Exempelavtalet"]
    network = r["Nätverket"]
    assert network.meetings == 3 and network.first_meeting == "2024-03-01"
    # organisations by their resolved names: the attendance list's "Norrby" is "Norrby kommun"
    assert network.municipalities == ["Norrby kommun", "Söderby kommun"] and network.regions == ["Region Exempel"]
    assert {m.person.name: m.organisation for m in network.members} == {
        "Anna Andersson": "Norrby kommun",
        "Bertil Berg": "Region Exempel",
        "Cecilia Ceder": "Söderby kommun",
    }
    # Söderby has no org_type on its node: the name form "... kommun" of its resolved name decides
    assert "Söderby kommun" in network.organisations


def test_inactivity_counts_from_today():
    assert "inactive_12_months" in rows(today="2026-02-01")["Rådet"].gaps
    assert "inactive_12_months" not in rows(today="2025-06-01")["Rådet"].gaps


def test_as_of_is_the_structure_then():
    then = rows(as_of="2024-04-01")
    assert then["Nätverket"].meetings == 1
    assert then["Rådet"].meetings == 0
    # as_of is also "today" for the gaps when no today is given
    assert "mandate_expired" not in then["Regionala processgruppen"].gaps
