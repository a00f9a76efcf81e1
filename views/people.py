"""Personer: a person's roles and affiliations over time, groups, meetings, presentations, commissions."""

from __future__ import annotations

import streamlit as st

from graph.models import NodeKind
from queries.models import PersonAnswer
from views.common import (
    as_of_input,
    backend,
    first_source,
    frame,
    keep_in_url,
    md,
    node_labels,
    query,
    url_choice,
)


def _with_source(row: dict, sources) -> dict:
    doc, line, quote = first_source(sources)
    return {**row, "Dokument": doc, "Rad": line, "Citat": quote}


_SOURCE_COLUMNS = ["Dokument", "Rad", "Citat"]


def context(value: str | None) -> str:
    """Where a role was read, in Swedish ("MEMBER_OF Rådet" -> "ledamot i Rådet").

    >>> context("ATTENDED Välfärdsrådet"), context("MEMBER_OF Rådet"), context("AFFILIATED_WITH"), context(None)
    ('närvarande vid möte i Välfärdsrådet', 'ledamot i Rådet', 'anställning eller tillhörighet', '')
    """
    if not value:
        return ""
    head, _, rest = value.partition(" ")
    words = {
        "AFFILIATED_WITH": "anställning eller tillhörighet",
        "MEMBER_OF": "ledamot i",
        "ATTENDED": "närvarande vid möte i",
    }
    if head not in words:
        return value
    if not rest:
        return "närvarande vid möte" if head == "ATTENDED" else words[head].removesuffix(" i")
    return f"{words[head]} {rest}"


def sections(answer: PersonAnswer, org=lambda name: name or "") -> list[tuple[str, list[dict], list[str]]]:
    """(heading, rows, columns) for each part of the answer, in the order shown; ``org`` gives an
    organisation's resolved name."""
    return [
        (
            "Roller och tillhörighet över tid",
            [
                _with_source({"Datum": r.date or "", "Organisation": org(r.organisation), "Titel/roll": r.title or "",
                              "Sammanhang": context(r.context)}, r.sources)
                for r in answer.roles
            ],
            ["Datum", "Organisation", "Titel/roll", "Sammanhang", *_SOURCE_COLUMNS],
        ),
        (
            "Grupper",
            [
                _with_source({"Grupp": g.group.name, "Roll": g.role or "", "Organisation": org(g.organisation),
                              "Från": g.valid_from or "", "Till": g.valid_to or ""}, g.sources)
                for g in answer.groups
            ],
            ["Grupp", "Roll", "Organisation", "Från", "Till", *_SOURCE_COLUMNS],
        ),
        (
            "Möten",
            [
                _with_source({"Datum": a.date or "odaterat", "Organ": a.body or "",
                              "Organisation": org(a.organisation), "Roll": a.role or ""}, a.sources)
                for a in answer.attendance
            ],
            ["Datum", "Organ", "Organisation", "Roll", *_SOURCE_COLUMNS],
        ),
        (
            "Föredragit",
            [
                _with_source({"Datum": p.date or "odaterat", "Organ": p.body or "", "Punkt": p.number or "",
                              "Rubrik": p.title or p.item.name}, p.sources)
                for p in answer.presented
            ],
            ["Datum", "Organ", "Punkt", "Rubrik", *_SOURCE_COLUMNS],
        ),
        (
            "Uppdrag",
            [
                _with_source({"Datum": c.date or "odaterat", "Från": c.by.name, "Uppdrag": c.task or ""}, c.sources)
                for c in answer.commissions
            ],
            ["Datum", "Från", "Uppdrag", *_SOURCE_COLUMNS],
        ),
    ]  # fmt: skip


@st.cache_data(max_entries=512, show_spinner=False)
def _org(_backend, version: str, name: str | None) -> str:
    from queries.groups import resolved_name

    return resolved_name(_backend, name) if name else ""


def render() -> None:
    st.title("Personer")
    labels = node_labels([NodeKind.PERSON])
    if not labels:
        st.info("Inga personer i grafen.")
        return
    url_choice("people_person", "person", list(labels))
    c1, c2 = st.columns([3, 1])
    chosen = c1.selectbox(
        "Person",
        list(labels),
        format_func=lambda i: labels[i].rsplit(" (", 1)[0],
        key="people_person",
        on_change=keep_in_url,
        args=("people_person", "person"),
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
    c1, c2 = st.columns(2)
    c1.page_link("views/map.py", label="Visa på kartan", icon=":material/hub:",
                 query_params={"fokus": answer.person.id, "vald": answer.person.id})  # fmt: skip
    c2.page_link("views/mandates.py", label="Uppdrag och kedjan uppåt", icon=":material/account_tree:",
                 query_params={"nod": answer.person.id})  # fmt: skip
    b = backend()
    empty = True
    for heading, rows, columns in sections(answer, lambda name: _org(b, b.version(), name)):
        if rows:
            empty = False
            st.markdown(f"**{heading}** ({len(rows)})")
            st.dataframe(frame(rows, columns), hide_index=True, width="stretch")
    if empty:
        st.caption("Inga roller, grupper, möten eller uppdrag hittades.")


if __name__ == "__main__":
    render()
