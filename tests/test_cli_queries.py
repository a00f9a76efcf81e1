"""The query commands (samverkan_cli/query_commands.py), run through the whole ``samverkan`` parser."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from graph.store import EmbeddedStore, Registry
from queries.fixtures import example_graph
from samverkan_cli.main import main


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "store")
    s.save_registry(Registry())
    s.save_graph(example_graph())
    return str(s.root)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_lineage_json_contract_shape(store, capsys):
    code, out, _ = run(["lineage", "exempelavtalet", "--store", store, "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["query"] == "exempelavtalet"
    first = data["events"][0]
    assert {"date", "body", "document", "item", "kind", "text"} <= set(first)
    assert first["date"] == "2023-11-20"


def test_lineage_table_in_swedish(store, capsys):
    code, out, _ = run(["lineage", "exempelavtalet", "--store", store], capsys)
    assert code == 0
    assert out.splitlines()[0].split()[:3] == ["Datum", "Organ", "Dokument"]
    assert "rapporterat beslut" in out


def test_mandates_table_and_json(store, capsys):
    code, out, _ = run(["mandates", "Processgrupp norr", "--store", store], capsys)
    assert code == 0 and "Kedja uppåt:" in out and "Rådet" in out
    code, out, _ = run(["mandates", "--store", store, "--json"], capsys)
    assert code == 0 and len(json.loads(out)["lines"]) > 10


def test_groups_formats(store, capsys, tmp_path):
    code, out, _ = run(["groups", "--store", store, "--today", "2025-06-01"], capsys)
    assert code == 0 and out.startswith("Typ") and "ingen styrgrupp i underlaget" in out
    code, out, _ = run(["groups", "--store", store, "--json"], capsys)
    assert json.loads(out)[0]["name"] == "Rådet"
    xlsx = tmp_path / "reg.xlsx"
    code, _, _ = run(["groups", "--store", store, "--format", "xlsx", "--output", str(xlsx)], capsys)
    sheet = load_workbook(xlsx).active
    headers = [c.value for c in sheet[1]]
    assert headers[:2] == ["Typ", "Namn"] and "Brister" in headers
    gap_cells = [row[headers.index("Brister")] for row in sheet.iter_rows(min_row=2)]
    assert any(c.value for c in gap_cells)
    assert all(c.fill.fgColor.rgb.endswith("F4B183") for c in gap_cells if c.value)
    csv_path = tmp_path / "reg.csv"
    code, _, _ = run(["groups", "--store", store, "--format", "csv", "-o", str(csv_path)], capsys)
    assert csv_path.read_text(encoding="utf-8-sig").splitlines()[0].startswith("Typ;Namn;")


def test_person(store, capsys):
    code, out, _ = run(["person", "Anna Anderson", "--store", store, "--as-of", "2024-12-31"], capsys)
    assert code == 0 and out.startswith("Anna Andersson") and "2025-01-15" not in out


@pytest.mark.parametrize(
    "argv",
    [
        ["mandates", "Finns inte"],
        ["person", "Ingen Alls"],
        ["groups", "--format", "xlsx"],
    ],
)
def test_errors_are_one_line_exit_2(store, capsys, argv):
    code, out, err = run([*argv, "--store", store], capsys)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith(f"samverkan {argv[0]}: ")


def test_missing_store_is_exit_2(tmp_path, capsys):
    code, _, err = run(["groups", "--store", str(tmp_path / "none")], capsys)
    assert code == 2 and "no store" in err


def test_bad_date_is_rejected(store, capsys):
    with pytest.raises(SystemExit) as exc:
        run(["groups", "--store", store, "--as-of", "igår"], capsys)
    assert exc.value.code == 2
