"""Issue 9 on the users' five real seed documents (read from ../shared/seeds at test time, never
copied here; skipped with the reason where they are absent): the search, the chain and the register."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.embedded import EmbeddedBackend
from graph.store import EmbeddedStore
from loaders.pipeline import ingest
from queries.groups import groups
from queries.models import GAP_LABELS
from queries.search import search
from queries.structure import chain

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not SEEDS.is_dir(), reason=f"{SEEDS} is missing: the seed documents are not here"),
]


@pytest.fixture(scope="module")
def backend(tmp_path_factory) -> EmbeddedBackend:
    store = EmbeddedStore(tmp_path_factory.mktemp("seeds") / "store")
    report = ingest([SEEDS], store)
    assert not report.failed
    return EmbeddedBackend.from_store(store)


def test_samsjuk_finds_the_regional_process_group_first(backend):
    hits = search(backend, "samsjuk")
    assert hits[0].label == "Regional processgrupp samsjuklighet"
    assert hits[0].kind == "group"


def test_its_chain_goes_up_through_steering_group_and_network_to_the_council_with_dates(backend):
    answer = chain(backend, "Regional processgrupp samsjuklighet")
    assert answer.start.name == "Regional processgrupp samsjuklighet" and answer.level == 3
    levels = [s.level for s in answer.steps]
    assert levels == sorted(levels, reverse=True), "nearest level first, the council last"
    names = [s.node.name for s in answer.steps]
    assert names[-1] == "Välfärdsrådet" and answer.steps[-1].level == 0
    assert {"Styrgruppen för Länschefsnätverket", "Länschefsnätverket"} <= set(names[:-1])
    # every tie of the process group itself has a date or the span it lies in, and says where from
    own = [t for s in answer.steps for t in s.ties if t.lower.name == "Regional processgrupp samsjuklighet"]
    assert own and all(t.when and t.dated_by for t in own)
    assert answer.adoption is not None and answer.adoption.document


def test_every_register_flag_says_what_the_documents_show(backend):
    rows = groups(backend)
    labels = {GAP_LABELS[g] for r in rows for g in r.gaps}
    assert labels and not any(label.startswith("saknar") for label in labels)
    assert "inget mandat i underlaget" in labels
    for r in rows:
        if "inactive_12_months" in r.gaps:
            assert r.meetings > 0, f"{r.name} is called inactive without known meetings"
        if r.meetings == 0:
            assert "activity" in r.unknown
    assert any(r.unknown for r in rows), "what the documents do not tell is 'okänt'"


def test_the_register_uses_resolved_names(backend):
    rows = groups(backend)
    organisations = {o for r in rows for o in r.organisations}
    assert "Ålvdalen" not in organisations  # the attendance list's spelling of Älvdalen
