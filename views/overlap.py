"""Vem sitter var: people in many groups, groups that share members, brokers, groups under no
steering body (``queries.overlap``)."""

from __future__ import annotations

import streamlit as st

from queries.models import NodeRef
from queries.overlap import OverlapAnswer
from views.common import KIND_LABELS, as_of_input, backend, frame, md

_ROWS = 200


@st.cache_data(max_entries=8, show_spinner="Räknar ut vem som sitter var …")
def _overlap(_backend, version: str, as_of: str | None, min_groups: int) -> OverlapAnswer:
    from queries.overlap import overlap

    return overlap(_backend, as_of=as_of, min_groups=min_groups)


def _names(refs: list[NodeRef]) -> str:
    return ", ".join(r.name for r in refs)


def render() -> None:
    st.title("Vem sitter var")
    st.caption(
        "Vem som sitter i flera grupper, vilka grupper som delar personer, vem som binder ihop annars "
        "åtskilda delar av strukturen, och vilka grupper som inte hänger ihop med någon styrgrupp, något "
        "nätverk eller råd. En person sitter i en grupp när underlaget nämner hen som ledamot eller som "
        "närvarande vid gruppens möten."
    )
    c1, c2 = st.columns([3, 1])
    min_groups = c1.slider("Personer i minst så här många grupper", 2, 6, 2, key="minst", bind="query-params")
    with c2:
        as_of = as_of_input("overlap_as_of")
    b = backend()
    answer = _overlap(b, b.version(), as_of, min_groups)
    tabs = st.tabs(
        [
            f"Personer i flera grupper ({len(answer.people)})",
            f"Grupper som delar personer ({len(answer.pairs)})",
            f"Brobyggare ({len(answer.brokers)})",
            f"Utan styrande organ ({len(answer.unsteered)})",
        ],
        key="vem_flik",
    )
    with tabs[0]:
        if answer.people:
            rows = [{"Person": p.person.name, "Antal grupper": p.count, "Grupper": _names(p.groups),
                     "Organisation": ", ".join(p.organisations)} for p in answer.people[:_ROWS]]  # fmt: skip
            st.dataframe(frame(rows, ["Person", "Antal grupper", "Grupper", "Organisation"]), hide_index=True,
                         width="stretch")  # fmt: skip
        else:
            st.info(f"Ingen i underlaget sitter i {min_groups} grupper eller fler.")
    with tabs[1]:
        if answer.pairs:
            rows = [{"Grupp": x.a.name, "Och grupp": x.b.name, "Gemensamma personer": len(x.people),
                     "Andel gemensamma": f"{x.share:.0%}", "Vilka": _names(x.people)}
                    for x in answer.pairs[:_ROWS]]  # fmt: skip
            st.dataframe(frame(rows, ["Grupp", "Och grupp", "Gemensamma personer", "Andel gemensamma", "Vilka"]),
                         hide_index=True, width="stretch")  # fmt: skip
            st.caption("Andel gemensamma: de gemensamma personerna av alla som sitter i någon av de två grupperna.")
        else:
            st.info("Inga grupper delar personer i underlaget.")
    with tabs[2]:
        if answer.brokers:
            rows = [{"Person": x.person.name, "Brobyggarmått": round(x.betweenness, 3),
                     "Delar utan personen": x.parts, "Grupper": _names(x.groups)} for x in answer.brokers]  # fmt: skip
            st.dataframe(frame(rows, ["Person", "Brobyggarmått", "Delar utan personen", "Grupper"]), hide_index=True,
                         width="stretch")  # fmt: skip
            st.caption(
                "Brobyggarmått: hur stor del av de kortaste vägarna mellan personer och grupper som går genom "
                "personen (betweenness). Delar utan personen: i hur många delar personens grupper faller "
                "isär om personen tas bort (1: de hänger ihop ändå)."
            )
        else:
            st.info("Ingen binder ihop delar av strukturen i underlaget.")
    with tabs[3]:
        if answer.unsteered:
            rows = [{"Grupp": u.group.name, "Typ": KIND_LABELS.get(u.group.kind, u.group.kind),
                     "Ovanför i underlaget": u.above} for u in answer.unsteered]  # fmt: skip
            st.dataframe(frame(rows, ["Grupp", "Typ", "Ovanför i underlaget"]), hide_index=True, width="stretch")
            st.caption(
                md(
                    "Processgrupper, LPO och arbetsgrupper där ingen väg uppåt (rapporterar till, ingår i, "
                    "styrs av, uppdrag från) når en styrgrupp, ett nätverk eller ett råd."
                )
            )
        else:
            st.success("Alla processgrupper, LPO och arbetsgrupper hänger ihop med ett styrande organ.")


if __name__ == "__main__":
    render()
