"""mandates(): lines around a node, the chain upwards, as_of."""

from __future__ import annotations

from queries.fixtures import example_backend
from queries.mandates import mandates


def test_chain_from_process_group_to_council():
    answer = mandates(example_backend(), "Processgrupp norr")
    assert answer.node.id == "processgroup:norr"
    chain = [
        (link.depth, link.lower.name, link.type, link.direction, link.upper.name) for link in answer.chain
    ]
    assert chain == [
        (1, "Processgrupp norr", "REPORTS_TO", "out", "Processgrupp söder"),
        (1, "Processgrupp norr", "REPORTS_TO", "out", "Regionala processgruppen"),
        (2, "Regionala processgruppen", "REPORTS_TO", "out", "Styrgruppen för Nätverket"),
        (3, "Styrgruppen för Nätverket", "PART_OF", "out", "Nätverket"),
        (4, "Nätverket", "REPORTS_TO", "out", "Rådet"),
    ]
    # every link carries its source
    assert all(link.sources and link.sources[0].document for link in answer.chain)


def test_cycle_is_guarded():
    # norr <-> söder report to each other; the walk still ends and visits each node once
    answer = mandates(example_backend(), "Processgrupp söder")
    uppers = [link.upper.id for link in answer.chain]
    assert len(uppers) == len(set(uppers))
    assert "council:radet" in uppers


def test_lines_around_a_group():
    answer = mandates(example_backend(), "Regionala processgruppen")
    kinds = {(line.type, line.source.name, line.target.name) for line in answer.lines}
    assert ("STEERS", "Styrgruppen för Nätverket", "Regionala processgruppen") in kinds
    assert ("COMMISSIONS", "Regionala processgruppen", "Processgrupp norr") in kinds
    assert ("FUNDS", "Exempelavtalet", "Regionala processgruppen") in kinds
    funds = next(line for line in answer.lines if line.type == "FUNDS")
    assert funds.amount_sek == 100000


def test_commission_date_and_task():
    answer = mandates(example_backend(), "Arbetsgruppen för exempelavtalet")
    (line,) = [line for line in answer.lines if line.type == "COMMISSIONS"]
    assert (line.source.name, line.date, line.task) == (
        "Styrgruppen för Nätverket",
        "2023-11-20",
        "ta fram en rapport",
    )
    assert line.decision == "decision:m1:4:0"


def test_all_lines_and_as_of():
    everything = mandates(example_backend())
    assert everything.node is None and len(everything.lines) >= 12
    before = mandates(example_backend(), as_of="2024-01-01")
    dated_later = [line for line in before.lines if line.date and line.date > "2024-01-01"]
    assert dated_later == []
    assert len(before.lines) < len(everything.lines)


def test_best_token_overlap_when_no_name_holds_all_words():
    answer = mandates(example_backend(), "styrgruppen nätverk okändord")
    assert answer.node.id == "steeringgroup:sg"


def test_unknown_name():
    answer = mandates(example_backend(), "Finns inte alls")
    assert answer.node is None and answer.lines == []
