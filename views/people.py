"""Personer: a person's roles and affiliations over time, groups, meetings, presentations, commissions."""

from __future__ import annotations

import streamlit as st

from graph.models import NodeKind
from queries.models import PersonAnswer
from views.common import as_of_input, first_source, frame, md, node_labels, query


def _with_source(row: dict, sources) -> dict:
    doc, line, quote = first_source(sources)
    return {**row, "Dokument": doc, "Rad": line, "Citat": quote}


_SOURCE_COLUMNS = ["Dokument", "Rad", "Citat"]


def sections(answer: PersonAnswer) -> list[tuple[str, list[dict], list[str]]]:
    """(heading, rows, columns) for each part of the answer, in the order shown."""
    return [
        (
            "Roller och tillhörighet över tid",
            [
                _with_source({"Datum": r.date or "", "Organisation": r.organisation or "", "Titel/roll": r.title or "",
                              "Sammanhang": _context(r.context)}, r.sources)
                for r in answer.roles
            ],
            ["Datum", "Organisation", "Titel/roll", "Sammanhang", *_SOURCE_COLUMNS],
        ),
        (
            "Grupper",
            [
                _with_source({"Grupp": g.group.name, "Roll": g.role or "", "Organisation": g.organisation or "",
                              "Från": g.valid_from or "", "Till": g.valid_to or ""}, g.sources)
                for g in answer.groups
            ],
            ["Grupp", "Roll", "Organisation", "Från", "Till", *_SOURCE_COLUMNS],
        ),
        (
            "Möten",
            [
                _with_source({"Datum": a.date or "(odaterat)", "Organ": a.body or "",
                              "Organisation": a.organisation or "", "Roll": a.role or ""}, a.sources)
                for a in answer.attendance
            ],
            ["Datum", "Organ", "Organisation", "Roll", *_SOURCE_COLUMNS],
        ),
        (
            "Föredragit",
            [
                _with_source({"Datum": p.date or "(odaterat)", "Organ": p.body or "", "Punkt": p.number or "",
                              "Rubrik": p.title or p.item.name}, p.sources)
                for p in answer.presented
            ],
            ["Datum", "Organ", "Punkt", "Rubrik", *_SOURCE_COLUMNS],
        ),
        (
            "Uppdrag",
            [
                _with_source({"Datum": c.date or "(odaterat)", "Från": c.by.name, "Uppdrag": c.task or ""}, c.sources)
                for c in answer.commissions
            ],
            ["Datum", "Från", "Uppdrag", *_SOURCE_COLUMNS],
        ),
    ]  # fmt: skip


def _context(context: str | None) -> str:
    return {
        "AFFILIATED_WITH": "anställning/tillhörighet",
        "MEMBER_OF": "ledamot",
        "ATTENDED": "närvarolista",
    }.get(context or "", context or "")


def render() -> None:
    st.title("Personer")
    labels = node_labels([NodeKind.PERSON])
    if not labels:
        st.info("Inga personer i grafen.")
        return
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox(
        "Person", list(labels), format_func=lambda i: labels[i].rsplit(" (", 1)[0], key="people_person"
    )
    with c2:
        as_of = as_of_input("people_as_of")
    answer: PersonAnswer = query("person", labels[chosen].rsplit(" (", 1)[0], as_of)
    if answer.person is None:
        st.info("Personen hittades inte.")
        return
    st.subheader(md(answer.person.name))
    if answer.aliases:
        st.caption("Skrivs även: " + md(", ".join(answer.aliases)))
    empty = True
    for heading, rows, columns in sections(answer):
        if rows:
            empty = False
            st.markdown(f"**{heading}** ({len(rows)})")
            st.dataframe(frame(rows, columns), hide_index=True, width="stretch")
    if empty:
        st.caption("Inga roller, grupper, möten eller uppdrag hittades.")


if __name__ == "__main__":
    render()
